package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pbft.trace.TraceSink;

/**
 * Issue 32: seeds in which a correct replica left the group for good while the clients, served
 * by the others, saw nothing wrong. Each stranded replica moved to a view, started its NEW-VIEW
 * timer at once instead of once it held 2f+1 VIEW-CHANGEs for that view (Castro and Liskov's
 * first liveness rule), so that the timer expired just before the NEW-VIEW the others installed
 * reached it, and it climbed alone through views no one else entered. These seeds fail on a core
 * with that timer rule and must pass once the NEW-VIEW wait starts with 2f+1 VIEW-CHANGEs.
 * "pauses" marks the runs with the slow-replica fault, where the stranded replica is the one
 * paused (the primary of view 0, or a backup), its backlog taken too late.
 *
 * <p>Each row replays as {@code ./pbft simulate --seeds S --byzantine STRATEGY --n N}, with
 * {@code --pause-rate 0} for the rows without pauses.
 */
class ConvergenceTest {

  @ParameterizedTest(name = "n = {0}, seed {1}, {2}, pauses {3}: converges once the timer waits"
      + " for 2f+1 VIEW-CHANGEs")
  @CsvSource({
      // the primary of view 0 times out alone and misses view 1's NEW-VIEW by a tick
      "4, 12, withhold-result, false",
      "4, 18, hide-prepared, false",
      // the primary of view 0 paused for 115 ticks; the others enter view 1 meanwhile
      "4, 6, forge-new-view, true",
      "7, 51, withhold-result, false",
      "7, 26, equivocate, false",
      "7, 6, forge-new-view, true",
      "7, 25, withhold-result, true",
  })
  void theStrandedReplicaRejoinsTheGroup(int n, long seed, String strategy, boolean pauses) {
    SimParams params = pauses ? SimParams.defaults(n).withPauses() : SimParams.defaults(n);
    RunResult r = new Campaign(params, strategy).runSeed(seed, TraceSink.NONE);
    assertTrue(r.passed(), () -> "seed " + seed + " (" + strategy + ", n = " + n + "): "
        + r.violations());
    assertEquals(params.clients() * (long) params.opsPerClient(), r.stats().requests());
  }
}
