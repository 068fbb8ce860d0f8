package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Commit;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;

/** PBFT.tla!SendNewView: replica 1 is the primary of view 1; the primary of view 0 is faulty. */
class SendNewViewTest {
  private final Cluster c = Cluster.withByzantine(0);

  /** Each correct replica waits for {@code r} and times out. */
  private void everyoneTimesOutWaitingFor(org.pbft.core.message.Request r) {
    for (int id = 1; id <= 3; id++) {
      c.submit(id, r);
    }
    c.timeOutTogether(10, 1, 2, 3);
  }

  @Test
  void newPrimaryWith2fPlus1ViewChangesSendsNewViewAndOrdersWaitingRequests() {
    everyoneTimesOutWaitingFor(req(1, 1));
    c.deliverAll();
    NewView nv = sent(c.effectsOf(1), NewView.class).get(0);
    assertEquals(1, nv.view());
    assertEquals(3, nv.viewChanges().size());
    assertTrue(nv.viewChanges().stream().anyMatch(vc -> vc.replica() == 1), "its own is in V");
    assertEquals(List.of(), nv.prePrepares());
    assertTrue(actions(c.effectsOf(1)).contains(SpecAction.SendNewView));
    for (int id = 1; id <= 3; id++) {
      assertEquals(1, c.replica(id).view());
      assertEquals(Replica.Status.NORMAL, c.replica(id).status());
      assertEquals(1, c.replica(id).lastExecuted());
    }
    PrePrepare ordered = sent(c.effectsOf(1), PrePrepare.class).get(0);
    assertEquals(pp(1, 1, req(1, 1)), ordered);
  }

  @Test
  void aRequestPreparedInTheOldViewIsCarriedToTheSameSequenceNumber() {
    PrePrepare old = pp(0, 1, req(7, 1));
    for (int id = 1; id <= 3; id++) {
      c.inject(0, id, old);
    }
    c.deliverMatching(e -> !(e.message() instanceof Commit));
    c.drop(e -> e.message() instanceof Commit); // prepared everywhere, committed nowhere
    assertEquals(0, c.replica(1).lastExecuted());
    everyoneTimesOutWaitingFor(req(7, 1));
    c.deliverAll();
    NewView nv = sent(c.effectsOf(1), NewView.class).get(0);
    assertEquals(List.of(pp(1, 1, req(7, 1))), nv.prePrepares());
    for (int id = 1; id <= 3; id++) {
      List<Effect.Execute> x = executed(c.effectsOf(id));
      assertEquals(1, x.size());
      assertEquals(List.of(1L, 1L), List.of(x.get(0).view(), x.get(0).seq()));
      assertEquals(old.digest(), x.get(0).digest());
    }
  }

  @Test
  void newPrimaryJoinsOnFPlus1ViewChangesAndThenHasItsQuorum() {
    c.inject(2, 1, vc(1, 2));
    List<Effect> out = c.inject(3, 1, vc(1, 3));
    assertEquals(List.of(SpecAction.JoinViewChange, SpecAction.SendNewView), actions(out));
  }

  @Test
  void noNewViewWithFewerThan2fPlus1ViewChanges() {
    c.submit(1, req(1, 1));
    c.votesToLeave(1, 2, 3); // their own VIEW-CHANGEs have not arrived yet
    List<Effect> out = c.inject(2, 1, vc(1, 2));
    assertTrue(sent(out, NewView.class).isEmpty());
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(1).status());
  }

  @Test
  void newViewIsSentOncePerView() {
    c.inject(2, 1, vc(1, 2));
    List<Effect> first = c.inject(3, 1, vc(1, 3));
    NewView nv = sent(first, NewView.class).get(0);
    // A late VIEW-CHANGE for view 1 gets the same NEW-VIEW back (NewViewResendTest), no new one.
    List<Effect> late = c.inject(0, 1, vc(1, 0));
    assertTrue(late.stream().noneMatch(e -> e instanceof Effect.Broadcast));
    assertEquals(List.of(new Effect.Send(0, nv)), late.stream()
        .filter(e -> e instanceof Effect.Send).toList());
  }
}
