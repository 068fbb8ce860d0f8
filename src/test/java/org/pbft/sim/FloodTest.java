package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pbft.core.IgnoreReason;
import org.pbft.sim.byzantine.Strategies;

/**
 * The flooding primary in the simulator: it orders nothing and multicasts a burst of distinct
 * votes and far-ahead CHECKPOINTs every tick, before and after the network heals. Safety holds,
 * the others vote it out and answer every request, and the bounds show in what they refuse: of
 * the far CHECKPOINTs only the flooder's highest is kept (a higher one supersedes it, a lower one
 * is stale), and its second vote for a slot is a duplicate.
 */
class FloodTest {

  @Test
  void theFlooderIsVotedOutAndItsMessagesStopAtTheBounds() {
    long superseded = 0;
    long belowHeld = 0;
    long duplicates = 0;
    for (long seed = 1; seed <= 4; seed++) {
      RunResult r = new Simulation(seed, SimParams.defaults(),
          Strategies.byName("flood").orElseThrow()).run();
      assertTrue(r.passed(), "seed " + seed + ": " + r.violations());
      assertTrue(r.stats().viewChanges() > 0, "seed " + seed + ": " + r.stats());
      superseded += r.ignored(IgnoreReason.SUPERSEDED);
      belowHeld += r.ignored(IgnoreReason.STALE);
      duplicates += r.ignored(IgnoreReason.DUPLICATE);
    }
    assertTrue(superseded > 0, "far CHECKPOINTs replaced one another: " + superseded);
    assertTrue(belowHeld > 1000, "far CHECKPOINTs below the one held refused: " + belowHeld);
    assertTrue(duplicates > 1000, "second votes for a slot refused: " + duplicates);
  }
}
