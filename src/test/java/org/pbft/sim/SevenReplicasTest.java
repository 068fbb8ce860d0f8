package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.trace.TraceSink;

/**
 * n = 7 (f = 2): two Byzantine replicas play each strategy, each its own copy, and the five
 * correct replicas keep every check; with two silent primaries in a row the view change
 * goes on to the third.
 */
class SevenReplicasTest {
  private static final SimParams SEVEN = SimParams.defaults(7);

  @Test
  void everyStrategyOfTheRotationPlayedByTwoReplicasBreaksNothing() {
    List<String> failed = new ArrayList<>();
    Campaign.Totals t = new Campaign(SEVEN, Strategies.ALL).run(1, 8, s -> TraceSink.NONE,
        r -> failed.add(r.seed() + " " + r.strategy() + " " + r.violations()));
    assertEquals(List.of(), failed);
    assertEquals(8 * 3 * 30, t.stats().requests());
  }

  @Test
  void twoSilentPrimariesInARowAreBothReplaced() {
    RunResult r = new Campaign(SEVEN, "silent").runSeed(1, TraceSink.NONE);
    assertTrue(r.passed(), r.violations().toString());
    assertEquals(List.of(0, 1), r.byzantineReplicas(), "silent takes the primary; the second "
        + "copy the next free replica, the primary of view 1");
    // view 1 has a silent primary too: no NEW-VIEW for it, the replicas go on to view 2
    assertTrue(r.stats().viewChanges() >= 1, "a correct primary took over: " + r.stats());
  }

  @Test
  void fewerFaultyThanFAndNoneAreChosenByTheParams() {
    assertEquals(1, new Campaign(SEVEN.withFaulty(1), "twins").runSeed(3, TraceSink.NONE)
        .byzantineReplicas().size());
    assertEquals(List.of(), new Campaign(SEVEN.withFaulty(0), "twins").runSeed(3, TraceSink.NONE)
        .byzantineReplicas());
    assertThrows(IllegalArgumentException.class, () -> SEVEN.withFaulty(3));
  }
}
