package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.trace.TraceSink;

/** The CI campaign: 400 seeds, rotating through every Byzantine strategy, zero violations. */
class SimulationCampaignIT {

  @Test
  void fourHundredSeedsAcrossAllStrategies() {
    List<String> failed = new ArrayList<>();
    Campaign.Totals t = new Campaign(SimParams.defaults(), "all")
        .run(1, 400, s -> TraceSink.NONE,
            r -> failed.add("seed " + r.seed() + " " + r.strategy() + ": " + r.violations()));
    assertEquals(List.of(), failed);
    assertEquals(0, t.violations());
  }
}
