package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.trace.TraceSink;

/** A small campaign across every strategy; {@code SimulationCampaignIT} runs the CI-sized one. */
class CampaignTest {

  @Test
  void sixteenSeedsAcrossAllStrategiesPass() {
    List<RunResult> failed = new ArrayList<>();
    Campaign.Totals t = new Campaign(SimParams.defaults(), "all")
        .run(100, 115, s -> TraceSink.NONE, failed::add);
    assertEquals(List.of(), failed);
    assertEquals(16, t.seeds());
    assertEquals(failed.size(), t.violations(), "one violation per failed run");
    assertTrue(t.stats().viewChanges() > 0);
    assertTrue(t.stats().checkpoints() > 0);
    assertTrue(t.stats().stateTransfers() > 0);
  }
}
