package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.trace.TraceSink;

/**
 * The CI campaign: 390 seeds, 30 for each Byzantine strategy ({@code every}: the rotation and
 * the by-name ones), with the slow-replica fault in the fault phase; zero violations, the
 * convergence of the correct replicas after every run included.
 */
class SimulationCampaignIT {

  @Test
  void everyStrategyWithASlowReplicaBreaksNothingAndKeepsTheGroupWhole() {
    long seeds = 30L * Strategies.allNames().size();
    List<RunResult> failed = new ArrayList<>();
    Campaign.Totals t = new Campaign(SimParams.defaults().withPauses(), Strategies.EVERY)
        .run(1, seeds, s -> TraceSink.NONE, failed::add);
    assertEquals(List.of(), failed.stream()
        .map(r -> "seed " + r.seed() + " " + r.strategy() + ": " + r.violations()).toList());
    assertEquals(failed.size(), t.violations(), "one violation per failed run");
    assertTrue(t.stats().pauses() > seeds / 2, "too few pauses: " + t.stats());
  }
}
