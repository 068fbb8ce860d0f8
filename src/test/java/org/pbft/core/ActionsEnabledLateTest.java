package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.StateSnapshot;
import org.pbft.core.message.ViewChange;
import org.pbft.service.KeyValueStore;

/**
 * An action enabled by something that arrived earlier, taken in the step that completes its
 * condition: the messages that enable it are already in the log, and no later message will come
 * to trigger it (in the spec, each action is enabled by the state, whatever arrived last).
 */
class ActionsEnabledLateTest {

  @Test
  void commitsBeforeTheReplicaIsPreparedExecuteOnceItIs() {
    Replica r = new Replica(3, Cluster.smallConfig(), new KeyValueStore());
    PrePrepare a = pp(0, 1, req(1, 1));
    r.step(new Input.Receive(0, a));
    for (int q = 0; q <= 2; q++) {
      r.step(new Input.Receive(q, commit(a, q)));
    }
    assertEquals(0, r.lastExecuted(), "not prepared: the COMMITs wait");
    List<Effect> out = r.step(new Input.Receive(1, prepare(a, 1)));
    assertEquals(List.of(1L), executed(out).stream().map(Effect.Execute::seq).toList(),
        "its own PREPARE and replica 1's: prepared, and it executes in the same step");
  }

  @Test
  void preparesOfTheNewViewBeforeItsNewViewCountOnceItArrives() {
    Replica r = new Replica(3, Cluster.smallConfig(), new KeyValueStore());
    PrePrepare a = pp(1, 1, req(1, 1));
    r.step(new Input.Receive(1, vc(1, 1)));
    r.step(new Input.Receive(2, vc(1, 2)));
    assertEquals(Replica.Status.VIEW_CHANGE, r.status(), "joined view 1");
    r.step(new Input.Receive(2, prepare(a, 2))); // replica 2 entered view 1 first
    List<ViewChange> v = List.of(vc(1, 1, cert(pp(0, 1, req(1, 1)), 2, 3)), vc(1, 2), vc(1, 3));
    List<Effect> out = r.step(new Input.Receive(1,
        new NewView(1, v, NewViewComputation.compute(1, v).prePrepares())));
    assertEquals(List.of(SpecAction.ReceiveNewView, SpecAction.SendCommit), actions(out),
        "its own PREPARE and replica 2's make it prepared as it enters the view");
    assertEquals(List.of(commit(a, 3)), sent(out, Commit.class));
  }

  /** Both slots of O become prepared in the NEW-VIEW's step: both COMMITs, in sequence order. */
  @Test
  void everySlotOfTheNewViewThatIsPreparedOnEntryIsCommitted() {
    Replica r = new Replica(3, Cluster.smallConfig(), new KeyValueStore());
    r.step(new Input.Receive(1, vc(1, 1)));
    r.step(new Input.Receive(2, vc(1, 2)));
    List<ViewChange> v = List.of(
        vc(1, 1, cert(pp(0, 1, req(1, 1)), 2, 3), cert(pp(0, 2, req(2, 1)), 2, 3)),
        vc(1, 2), vc(1, 3));
    List<PrePrepare> o = NewViewComputation.compute(1, v).prePrepares();
    assertEquals(2, o.size());
    for (PrePrepare x : o) {
      r.step(new Input.Receive(2, prepare(x, 2))); // replica 2 entered view 1 first
    }
    List<Effect> out = r.step(new Input.Receive(1, new NewView(1, v, o)));
    assertEquals(List.of(commit(o.get(0), 3), commit(o.get(1), 3)), sent(out, Commit.class));
  }

  /**
   * Two PRE-PREPAREs of view 1 arrive before its NEW-VIEW and are held; entering the view
   * accepts both in that step, not one per step (the progress loop starts again from the top
   * after each action it fires).
   */
  @Test
  void everyPrePrepareHeldForAViewIsAcceptedAsTheReplicaEntersIt() {
    Replica r = new Replica(3, Cluster.smallConfig(), new KeyValueStore());
    r.step(new Input.Receive(1, vc(1, 1)));
    r.step(new Input.Receive(2, vc(1, 2)));
    assertEquals(Replica.Status.VIEW_CHANGE, r.status(), "joined view 1");
    PrePrepare a = pp(1, 1, req(1, 1));
    PrePrepare b = pp(1, 2, req(2, 1));
    assertEquals(List.of(), sent(r.step(new Input.Receive(1, a)), Prepare.class), "held");
    assertEquals(List.of(), sent(r.step(new Input.Receive(1, b)), Prepare.class), "held");
    List<ViewChange> v = List.of(vc(1, 1), vc(1, 2), vc(1, 3));
    List<Effect> out = r.step(new Input.Receive(1,
        new NewView(1, v, NewViewComputation.compute(1, v).prePrepares())));
    assertEquals(List.of(prepare(a, 3), prepare(b, 3)), sent(out, Prepare.class));
  }

  /** Replica 3 holds the CHECKPOINTs of 0 and 1 for 2; its own, as it executes 2, is the third. */
  @Test
  void aCheckpointCertifiedWithTheReplicasOwnBecomesStableAsItExecutes() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    c.deliverMatching(e -> !(e.to() == 3 && e.message() instanceof Commit)
        && !(e.to() == 3 && e.message() instanceof Checkpoint && e.from() == 2));
    Replica r3 = c.replica(3);
    assertEquals(0, r3.lastExecuted());
    assertEquals(0, r3.lowWatermark());
    c.deliverMatching(e -> e.to() == 3 && e.message() instanceof Commit);
    assertEquals(2, r3.lastExecuted());
    assertEquals(2, r3.lowWatermark(), "stable in the step that executed 2");
  }

  /** With one batch in flight, the primary orders the next one as soon as the first executes. */
  @Test
  void aPrimaryOrdersTheNextBatchWhenTheOneInFlightExecutes() {
    ReplicaConfig oneInFlight = new ReplicaConfig(Quorums.forReplicas(4), 2, 4, 1, 10, 4, 1);
    Cluster c = new Cluster(oneInFlight, Set.of());
    assertEquals(1, sent(c.submit(0, req(1, 1)), PrePrepare.class).size());
    assertEquals(List.of(), sent(c.submit(0, req(2, 1)), PrePrepare.class), "one in flight");
    c.deliverAll();
    for (int id = 0; id < 4; id++) {
      assertEquals(2, c.replica(id).lastExecuted(), "replica " + id);
    }
  }

  /**
   * Replica 3 waits for requests A and B (B's relay to the primary was lost). When A executes,
   * B gets a whole timeout from then on, not what was left of the one started for it.
   */
  @Test
  void aRequestStillWaitingAfterAnotherExecutesGetsAFullTimeout() {
    Cluster c = Cluster.correct();
    c.submit(3, req(2, 1));
    c.drop(e -> true);
    c.tick(5);
    c.submit(3, req(1, 1));
    c.submit(0, req(1, 1));
    c.deliverAll();
    assertEquals(1, c.replica(3).lastExecuted());
    assertEquals(1, c.replica(3).pendingRequests());
    int ticks = 0;
    while (c.replica(3).suspectedView() < 0 && ticks < 50) {
      c.inject(1, 3, c.statusOf(1)); // replicas 1 and 2 wait where 3 does
      c.inject(2, 3, c.statusOf(2));
      c.replica(3).step(new Input.Tick());
      ticks++;
    }
    assertEquals(10, ticks, "a timeout of 10 ticks from A's execution, then its vote to leave");
  }

  /** A replica leaving a view forgets what it ordered there: the new primary may order it. */
  @Test
  void leavingAViewForgetsWhatWasOrderedInIt() {
    Cluster byTimeout = Cluster.correct();
    byTimeout.submit(0, req(1, 1));
    byTimeout.drop(e -> true);
    assertEquals(1, byTimeout.replica(0).orderedInView());
    byTimeout.votesToLeave(0, 1, 2);
    assertEquals(1, byTimeout.replica(0).view());
    assertEquals(0, byTimeout.replica(0).orderedInView(), "moved to view 1");

    Cluster byNewView = Cluster.withByzantine(1);
    byNewView.submit(0, req(1, 1));
    byNewView.drop(e -> true);
    assertEquals(1, byNewView.replica(0).orderedInView());
    byNewView.inject(1, 0, new NewView(1, List.of(vc(1, 1), vc(1, 2), vc(1, 3)), List.of()));
    assertEquals(1, byNewView.replica(0).view());
    assertEquals(0, byNewView.replica(0).orderedInView(), "entered view 1 straight from view 0");
  }

  @Test
  void aReplicaServesTheStateItFetched() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    while (c.inFlight().size() > 0) {
      c.deliverMatching(e -> e.to() != 3 || e.message() instanceof Checkpoint
          || e.message() instanceof StateSnapshot);
      c.drop(e -> e.to() == 3 && !(e.message() instanceof Checkpoint
          || e.message() instanceof StateSnapshot));
    }
    assertEquals(2, c.replica(3).lastExecuted(), "fetched");
    assertTrue(executed(c.effectsOf(3)).isEmpty());
    List<Effect> served = c.inject(1, 3, new FetchState(2, 1));
    assertEquals(1, sent(served, StateSnapshot.class).size(),
        "replica 3 holds the state it installed and serves it");
  }
}
