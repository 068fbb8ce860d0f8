package org.pbft.sim.byzantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pbft.core.IgnoreReason;
import org.pbft.sim.RunResult;
import org.pbft.sim.SimParams;
import org.pbft.sim.Simulation;
import org.pbft.trace.TraceSink;

/**
 * Small-scope mutations at n = 7: two faulty replicas each change one field of a few of their
 * messages, or send them late or twice; the correct replicas refuse what breaks a rule and keep
 * every check. Each kind of mutation is made in these seeds, and a seed replays its mutations.
 */
class MutateTest {
  /** With pauses: a paused primary makes the others change view, so that VIEW-CHANGEs and
   * NEW-VIEWs are made, and mutated. */
  private static final SimParams SEVEN = SimParams.defaults(7).withPauses();
  private static final int SEEDS = 20;

  private static RunResult run(long seed, Map<Mutate.Kind, Integer> made) {
    List<Strategy> team = Strategies.teamForSeed("mutate", seed, 2);
    RunResult r = new Simulation(seed, SEVEN, team, Simulation.PeerFactory.CORRECT,
        TraceSink.NONE, Simulation.Wire.DIRECT).run();
    for (Strategy s : team) {
      ((Mutate) s).made().forEach((k, c) -> made.merge(k, c, Integer::sum));
    }
    return r;
  }

  @Test
  void everyKindOfMutationIsMadeAndRefusedAndNothingBreaks() {
    Map<Mutate.Kind, Integer> made = new EnumMap<>(Mutate.Kind.class);
    Map<IgnoreReason, Long> ignored = new EnumMap<>(IgnoreReason.class);
    List<String> failed = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      RunResult r = run(seed, made);
      if (!r.passed()) {
        failed.add(seed + ": " + r.violations());
      }
      r.ignored().forEach((k, c) -> ignored.merge(k, c, Long::sum));
    }
    assertEquals(List.of(), failed);
    for (Mutate.Kind k : Mutate.Kind.values()) {
      assertTrue(made.getOrDefault(k, 0) > 0, "no " + k + " mutation in seeds 1.." + SEEDS + ": " + made);
    }
    assertTrue(made.values().stream().mapToInt(Integer::intValue).sum()
        <= SEEDS * 2 * Mutate.BUDGET, "each replica keeps to its budget: " + made);
    for (IgnoreReason reason : List.of(IgnoreReason.BAD_DIGEST, IgnoreReason.WRONG_VIEW)) {
      assertTrue(ignored.getOrDefault(reason, 0L) > 0, reason + " never refused: " + ignored);
    }
  }

  @Test
  void aSeedReplaysItsMutations() {
    Map<Mutate.Kind, Integer> first = new EnumMap<>(Mutate.Kind.class);
    Map<Mutate.Kind, Integer> second = new EnumMap<>(Mutate.Kind.class);
    RunResult a = run(5, first);
    RunResult b = run(5, second);
    assertEquals(first, second);
    assertEquals(a.stats(), b.stats());
    assertEquals(a.ignored(), b.ignored());
  }
}
