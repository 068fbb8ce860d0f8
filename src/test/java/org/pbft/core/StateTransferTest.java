package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.IgnoreReason.*;
import static org.pbft.core.Msgs.*;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.StateSnapshot;

/** PBFT.tla!StateTransfer: replica 3 misses everything until a checkpoint is stable. */
class StateTransferTest {
  private final Cluster c = Cluster.correct();

  /** Replicas 0..2 execute n = 1, 2 without replica 3; then it gets their CHECKPOINTs only. */
  private void leaveReplica3Behind() {
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    while (c.inFlight().size() > 0) {
      c.deliverMatching(e -> e.to() != 3 || reachesReplica3(e));
      c.drop(e -> e.to() == 3 && !reachesReplica3(e));
    }
  }

  private static boolean reachesReplica3(Cluster.Envelope e) {
    return e.message() instanceof Checkpoint || e.message() instanceof StateSnapshot;
  }

  @Test
  void replicaBehindAStableCheckpointFetchesTheCertifiedStateAndCatchesUp() {
    leaveReplica3Behind();
    Replica r3 = c.replica(3);
    assertEquals(2, r3.lastExecuted());
    assertEquals(2, r3.lowWatermark());
    assertTrue(actions(c.effectsOf(3)).contains(SpecAction.StateTransfer));
    assertTrue(executed(c.effectsOf(3)).isEmpty(), "it got the state, it executed nothing");

    c.submit(0, req(3, 1));
    c.deliverAll();
    assertEquals(3, r3.lastExecuted());
    assertEquals(List.of(3L), executed(c.effectsOf(3)).stream().map(x -> x.seq()).toList());
  }

  /**
   * The primary 0 misses the PREPAREs and COMMITs of n = 1, 2 and learns only that 2 is stable:
   * it fetches the state. Until the state is installed it cannot tell which waiting requests that
   * state executed (after a view change it would order them again, which PBFT.tla!SendPrePrepare
   * forbids), so it orders nothing.
   */
  @Test
  void aPrimaryFetchingAStateOrdersNothingUntilTheStateIsInstalled() {
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    Predicate<Cluster.Envelope> toPrimary = e -> e.to() == 0;
    while (c.deliverMatching(e -> toPrimary.negate().test(e) && !(e.message() instanceof FetchState)
        || e.message() instanceof Checkpoint) > 0) {
      c.drop(e -> toPrimary.test(e) && !(e.message() instanceof Checkpoint));
    }
    Replica primary = c.replica(0);
    assertEquals(0, primary.lastExecuted());
    assertEquals(2, primary.lowWatermark(), "the primary is fetching the state at 2");

    assertTrue(sent(c.submit(0, req(3, 1)), PrePrepare.class).isEmpty());
    c.deliverAll();
    assertEquals(3, primary.lastExecuted(), "ordered and executed once the state is installed");
    assertEquals(List.of(3L),
        executed(c.effectsOf(1)).stream().map(x -> x.seq()).filter(n -> n > 2).toList());
  }

  @Test
  void aFetchedStateRestoresTheClientTableToo() {
    leaveReplica3Behind();
    assertEquals(List.of(IgnoreReason.STALE), ignored(c.submit(3, req(1, 0))));
  }

  @Test
  void stateWhoseDigestIsNotTheCertifiedOneIsRejected() {
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    c.deliverMatching(e -> e.to() != 3 || e.message() instanceof Checkpoint
        && e.from() != 2);
    c.drop(e -> e.to() == 3);
    assertEquals(0, c.replica(3).lastExecuted());
    assertTrue(c.inFlight().isEmpty());
    // replica 3 has CHECKPOINTs from 0 and 1 only; the third arrives now
    Checkpoint fromTwo = sent(c.effectsOf(2), Checkpoint.class).get(0);
    List<Effect> out = c.inject(2, 3, fromTwo);
    assertEquals(3, sent(out, FetchState.class).size(), "one to each replica of the proof");
    assertEquals(List.of(BAD_DIGEST),
        ignored(c.inject(0, 3, new StateSnapshot(2, new byte[] {1, 2, 3}, 0))));
    assertEquals(0, c.replica(3).lastExecuted());
    c.deliverAll();
    assertEquals(2, c.replica(3).lastExecuted());
  }

  @Test
  void aLostFetchOrSnapshotIsAskedForAgainWithBackoff() {
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    c.deliverMatching(e -> e.to() != 3 || e.message() instanceof Checkpoint);
    c.drop(e -> e.message() instanceof FetchState); // every FETCH-STATE of replica 3 is lost
    assertEquals(0, c.replica(3).lastExecuted());
    assertEquals(2, c.replica(3).lowWatermark(), "fetching the state at 2");
    // timeout 10: asked again after 5 ticks, then after 10 more
    List<Integer> resentAt = new java.util.ArrayList<>();
    for (int t = 1; t <= 16; t++) {
      c.tick(1);
      if (c.inFlight().stream().anyMatch(e -> e.message() instanceof FetchState)) {
        resentAt.add(t);
        c.drop(e -> e.message() instanceof FetchState);
      }
    }
    assertEquals(List.of(5, 15), resentAt);
    c.tick(20);
    c.deliverAll(); // this time the request and the snapshot arrive
    assertEquals(2, c.replica(3).lastExecuted());
  }

  @Test
  void stateTransferGuards() {
    leaveReplica3Behind();
    assertEquals(List.of(STALE), ignored(c.inject(0, 3, new StateSnapshot(2, new byte[0], 0))));
    assertEquals(List.of(WRONG_SENDER),
        ignored(c.inject(1, 3, new StateSnapshot(2, new byte[0], 0))));
    assertEquals(List.of(NO_STATE), ignored(c.inject(3, 0, new FetchState(4, 3))));
    assertEquals(List.of(WRONG_SENDER), ignored(c.inject(2, 0, new FetchState(2, 3))));
  }
  /**
   * Replica 3 had request 1 waiting (its timer running) when it fell behind: the fetched state
   * executed it, so once installed nothing waits and the timer stops.
   */
  @Test
  void aRequestTheFetchedStateExecutedNoLongerWaits() {
    c.submit(3, req(1, 1));
    c.drop(e -> e.from() == 3); // its relay to the primary is lost
    leaveReplica3Behind();
    Replica r3 = c.replica(3);
    assertEquals(2, r3.lastExecuted());
    assertEquals(0, r3.pendingRequests());
    c.tick(100);
    assertEquals(0, r3.view(), "no view change for a request already executed");
  }

  /**
   * While replica 3 fetches the state at 2, sequence number 3 commits everywhere (its
   * PRE-PREPARE, PREPAREs and COMMITs reach replica 3 too). The snapshot arrives last: replica 3
   * installs it and executes 3 in the same step.
   */
  @Test
  void whatCommittedDuringTheFetchExecutesAsSoonAsTheStateIsInstalled() {
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    while (c.inFlight().size() > 0) {
      c.deliverMatching(e -> e.to() != 3 || e.message() instanceof Checkpoint);
      c.drop(e -> e.to() == 3 && !(e.message() instanceof Checkpoint));
    }
    Replica r3 = c.replica(3);
    assertEquals(2, r3.lowWatermark(), "fetching the state at 2; the snapshots were lost");
    c.submit(0, req(3, 1));
    c.deliverAll();
    assertEquals(0, r3.lastExecuted(), "3 is committed at replica 3, but the state is missing");
    List<Effect> out = c.inject(1, 3, new StateSnapshot(2,
        sent(c.inject(3, 1, new FetchState(2, 3)), StateSnapshot.class).get(0).state(), 1));
    assertEquals(3, r3.lastExecuted());
    assertEquals(List.of(3L), executed(out).stream().map(x -> x.seq()).toList());
  }
}
