package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Request;
import org.pbft.trace.TraceSink;

/** The slow-replica fault: what a pause holds back and hands back, and what runs with it do. */
class SlowReplicaTest {
  private static final List<Integer> CORRECT = List.of(1, 2, 3);

  private static Envelope message(int to, long order) {
    return new Envelope(0, order, 4, to, new Request(1, order, new byte[] {1}), null);
  }

  /** The tick at which a pause first starts, with {@code slow} left paused. */
  private static long firstPause(SlowReplica slow, long heal, int primary) {
    for (long now = 0; now < heal; now++) {
      assertNull(slow.tick(now, heal, CORRECT, primary));
      if (CORRECT.stream().anyMatch(slow::isPaused)) {
        return now;
      }
    }
    throw new AssertionError("no pause before tick " + heal);
  }

  @Test
  void aResumedReplicaTakesItsTicksAndMessagesInTheOrderItMissedThem() {
    SlowReplica slow = new SlowReplica(new Pauses(1, 10), new SplittableRandom(7));
    long start = firstPause(slow, 1_000, 1);
    int paused = CORRECT.stream().filter(slow::isPaused).findFirst().orElseThrow();
    Envelope first = message(paused, 2);
    Envelope second = message(paused, 1);
    SlowReplica.Resumed resumed = null;
    long now = start;
    for (; resumed == null; now++) {
      if (now == start + 1) {
        slow.hold(first);
        slow.hold(second);
      }
      slow.missTick();
      resumed = slow.tick(now + 1, 1_000, CORRECT, 1);
    }
    assertEquals(paused, resumed.replica());
    assertEquals(now - start, resumed.ticks());
    assertTrue(resumed.ticks() >= 1 && resumed.ticks() <= 10, resumed.toString());
    List<Envelope> expected = new ArrayList<>();
    for (long t = start; t < now; t++) {
      if (t == start + 1) {
        expected.add(first);
        expected.add(second);
      }
      expected.add(null);
    }
    assertEquals(expected, resumed.backlog());
    assertFalse(slow.isPaused(paused));
    assertEquals(1, slow.count());
    assertEquals(resumed.ticks(), slow.pausedTicks());
  }

  @Test
  void pausesStartOnlyInTheFaultPhaseAndEndByHealing() {
    SlowReplica slow = new SlowReplica(new Pauses(1, 500), new SplittableRandom(3));
    long start = firstPause(slow, 20, 1);
    assertTrue(slow.pausedTicks() <= 20 - start, "a pause ran past healing");
    for (long now = start + 1; now < 20; now++) {
      slow.tick(now, 20, CORRECT, 1);
    }
    assertTrue(slow.tick(20, 20, CORRECT, 1) != null || slow.count() > 0);
    for (long now = 21; now < 200; now++) {
      assertNull(slow.tick(now, 20, CORRECT, 1));
      assertTrue(CORRECT.stream().noneMatch(slow::isPaused));
    }
  }

  @Test
  void aboutHalfThePausesHitThePrimary() {
    int primary = 2;
    int hits = 0;
    for (long seed = 0; seed < 200; seed++) {
      SlowReplica slow = new SlowReplica(new Pauses(1, 5), new SplittableRandom(seed));
      firstPause(slow, 100, primary);
      hits += slow.isPaused(primary) ? 1 : 0;
    }
    // half on the primary, and a third of the other half: two thirds in all
    assertTrue(hits > 110 && hits < 160, hits + " of 200 pauses on the primary");
  }

  @Test
  void noPausesWithoutTheFault() {
    SlowReplica slow = new SlowReplica(Pauses.NONE, new SplittableRandom(1));
    for (long now = 0; now < 1_000; now++) {
      assertNull(slow.tick(now, 1_000, CORRECT, 1));
    }
    assertEquals(0, slow.count());
  }

  @Test
  void aCampaignWithPausesCountsThemAndReplaysEachSeedExactly() {
    SimParams params = SimParams.defaults().withPauses();
    Campaign campaign = new Campaign(params, "none");
    Campaign.Totals t = campaign.run(1, 4, s -> TraceSink.NONE, r -> { });
    assertTrue(t.stats().pauses() > 0, t.stats().toString());
    assertTrue(t.stats().pausedTicks() >= t.stats().pauses(), t.stats().toString());
    RunResult once = campaign.runSeed(2, TraceSink.NONE);
    RunResult again = campaign.runSeed(2, TraceSink.NONE);
    assertEquals(once.stats(), again.stats());
    assertEquals(once.history(), again.history());
    assertEquals(once.violations(), again.violations());
  }

  @Test
  void withoutPausesARunIsWhatItWas() {
    RunResult r = new Simulation(5, SimParams.defaults(), null).run();
    assertEquals(0, r.stats().pauses());
    assertEquals(0, r.stats().pausedTicks());
  }
}
