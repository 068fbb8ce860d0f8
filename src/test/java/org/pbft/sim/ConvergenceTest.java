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

  /**
   * Seeds that stranded a replica even with the NEW-VIEW timer waiting for 2f+1 VIEW-CHANGEs.
   * A backup's timer expired while a partition (or a pause) cut it off from the others, or just
   * after, before it had seen them make progress again; it sent VIEW-CHANGE for v+1 alone, which
   * binds it never to act in v again, and waited in v+1 for a NEW-VIEW no one would send, while
   * the others went on in v. Seed 181: replica 0 alone on its side of the partition of ticks 323..366,
   * its timer expiring at 357. Seed 160: replica 1 with only the primary on its side of ticks
   * 266..317, its timer expiring at 329; still out after 20,000 ticks. n = 7, seed 70: replica 4
   * alone from tick 40 to 100, its timer expiring at
   * 93. They pass since a replica whose timer expires leaves only when f+1 others are seen stuck
   * where it is (ViewChanging#onViewChangeTimeout, as Raft's PreVote does). Seed 118 ended on
   * Traffic (two replicas in views 2 and 3 forwarded every request to each other's primary; a
   * backup now relays only new requests, or the client's own, in normal status), then on a slot
   * that one replica had executed in view 1 and never committed in view 2 (a STATUS is now
   * answered with the votes above the stable checkpoint of the replica that asks).
   */
  @ParameterizedTest(name = "n = {0}, seed {1}, {2}, pauses {3}: converges once a timeout cut"
      + " off from the others no longer strands the replica")
  @CsvSource({
      "4, 181, withhold-result, false",
      "4, 160, replay, false",
      "7, 70, hide-prepared, false",
      "4, 118, silent, true",
  })
  void aReplicaCutOffWhenItsTimerExpiresRejoins(int n, long seed, String strategy,
      boolean pauses) {
    theStrandedReplicaRejoinsTheGroup(n, seed, strategy, pauses);
  }

  /**
   * Seeds in which the view change itself stopped, with the NEW-VIEW timer waiting for 2f+1
   * VIEW-CHANGEs of exactly that view: no request completed. The primary is faulty, and all but one correct replica
   * move to v+1, too few to start their timers; the last one, slow (paused) and then cut off by a
   * partition, moves to v+1 and, its timer expiring during its backlog, to v+2, and both its
   * VIEW-CHANGEs are lost. It never sends the one for v+1 again, so the others wait in v+1 for
   * ever, without a timer, and it waits in v+2 alone (n = 4, seed 749: replicas 1 and 2 in view
   * 1 from tick 71, replica 3 paused over ticks 64..171 and alone in the partition of ticks
   * 147..191, in view 2 from tick 171). They pass since a VIEW-CHANGE for a later view counts
   * toward the 2f+1 that start the NEW-VIEW wait (ViewChanging#startNewViewTimer).
   */
  @ParameterizedTest(name = "n = {0}, seed {1}, {2}, pauses {3}: the view change completes"
      + " once a replica that went past a view counts toward it")
  @CsvSource({
      "4, 749, flood, true",
      "7, 261, silent, true",
      "7, 918, flood, true",
  })
  void aViewChangeDoesNotStopShortOfItsQuorum(int n, long seed, String strategy,
      boolean pauses) {
    theStrandedReplicaRejoinsTheGroup(n, seed, strategy, pauses);
  }

  /**
   * Seeds in which a faulty primary (or a pause, or a partition) stalled one correct replica and
   * one other for a while: the first one's timer expired while it saw f+1 others stuck where it
   * was (the faulty replica's STATUS among them), it sent VIEW-CHANGE, and the others then made
   * progress again before their own timers expired, so that it waited alone in the next view
   * for good (n = 4, seed 17: replica 2 in view 1 from tick 408, the others in view 0 to the
   * end). They pass since a timer's expiry is only a vote, and a replica leaves its view once
   * 2f+1 replicas vote (ViewChanging#startViewChange): unless f+1 correct replicas vote, none
   * leaves, and if they do, all do. Seed 651 at n = 4 failed on Liveness (a silent primary of
   * view 2, a backup lacking a PRE-PREPARE only that primary could send again).
   */
  @ParameterizedTest(name = "n = {0}, seed {1}, {2}: the group leaves a view together")
  @CsvSource({
      "4, 17, replay", "4, 363, withhold-result", "4, 407, replay", "4, 409, forge-new-view",
      "4, 413, collude", "4, 429, equivocate", "4, 642, hide-prepared", "4, 643, forge-new-view",
      "4, 651, silent", "4, 668, hide-prepared", "4, 803, collude", "4, 873, skip-reorder",
      "4, 933, collude",
      "7, 239, hide-prepared", "7, 578, forge-new-view", "7, 673, collude", "7, 780, equivocate",
      "7, 810, replay", "7, 823, replay", "7, 829, collude", "7, 836, replay",
      "7, 889, hide-prepared", "7, 988, equivocate",
  })
  void aReplicaFooledIntoLeavingAloneStaysWithTheGroup(int n, long seed, String strategy) {
    theStrandedReplicaRejoinsTheGroup(n, seed, strategy, true);
  }

  /**
   * Seeds in which the group, once it left views together, stopped in a view whose NEW-VIEW
   * carried a sequence number that some replicas had already executed in an earlier view (n = 7,
   * the primaries of views 0 and 1 silent; seed 2445: replicas 2 and 3 had executed 1 in view 2,
   * replicas 4, 5 and 6 had not). Replica 3, the primary of view 3, lacked one backup's PREPARE
   * of view 3, lost before the network healed, so it never sent its COMMIT of view 3, which the
   * three others needed for their 2f+1; and it never asked again, having executed what it waited
   * for, while an answer to a STATUS carried only the votes above the lower of the two
   * executions. They pass since a replica that holds an unprepared slot of its view at or below
   * its execution waits (it sends STATUS), and a STATUS is answered with the votes above the
   * asker's stable checkpoint.
   */
  @ParameterizedTest(name = "n = 7, seed {0}: a slot executed in an earlier view commits again")
  @CsvSource({"2445", "6891", "7164", "8971", "8984"})
  void aSlotExecutedInAnEarlierViewIsCommittedInTheNewOne(long seed) {
    theStrandedReplicaRejoinsTheGroup(7, seed, "silent", true);
  }
}
