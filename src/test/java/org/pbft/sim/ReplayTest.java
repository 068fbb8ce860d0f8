package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.sim.byzantine.Strategies;

/** A seed replays its run exactly: the same history, tick for tick, and the same statistics. */
class ReplayTest {

  private static RunResult run(long seed, String strategy, List<String> trace) {
    return new Simulation(seed, SimParams.defaults(), Strategies.forSeed(strategy, seed)
        .orElse(null), Simulation.PeerFactory.CORRECT,
        (tick, step, e) -> trace.add(tick + " " + step + " " + e)).run();
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    for (String strategy : List.of("all", "random", "none")) {
      List<String> trace1 = new ArrayList<>();
      List<String> trace2 = new ArrayList<>();
      RunResult a = run(42, strategy, trace1);
      RunResult b = run(42, strategy, trace2);
      assertEquals(a.history(), b.history(), strategy);
      assertEquals(a.stats(), b.stats(), strategy);
      assertEquals(a.ignored(), b.ignored(), strategy);
      assertEquals(a.byzantineReplica(), b.byzantineReplica(), strategy);
      assertEquals(trace1, trace2, strategy);
    }
  }

  @Test
  void differentSeedsGiveDifferentRuns() {
    RunResult a = run(1, "none", new ArrayList<>());
    RunResult b = run(2, "none", new ArrayList<>());
    assertNotEquals(a.history(), b.history());
  }

  @Test
  void allRotatesThroughEveryStrategyBySeed() {
    List<String> names = new ArrayList<>();
    for (long seed = 0; seed < Strategies.names().size(); seed++) {
      names.add(Strategies.forSeed("all", seed).orElseThrow().name());
    }
    assertEquals(Strategies.names(), names);
  }
}
