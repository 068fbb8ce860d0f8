package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.IgnoreReason.*;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Commit;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.ViewChange;

/**
 * PBFT.tla!ReceiveNewView: replica 1, the primary of view 1, is Byzantine. Request a is prepared
 * at the correct replicas 0, 2 and 3 in view 0 and committed nowhere; they time out.
 */
class ReceiveNewViewTest {
  private final Cluster c = Cluster.withByzantine(1);
  private final PrePrepare a = pp(0, 1, req(7, 1));

  ReceiveNewViewTest() {
    c.submit(0, req(7, 1));
    c.deliverMatching(e -> !(e.message() instanceof Commit));
    c.drop(e -> e.message() instanceof Commit);
    c.submit(2, req(7, 1));
    c.submit(3, req(7, 1));
    c.timeOutTogether(10, 0, 1, 2, 3);
    c.drop(e -> true);
  }

  private ViewChange viewChangeOf(int id) {
    return sent(c.effectsOf(id), ViewChange.class).get(0);
  }

  private List<ViewChange> validV() {
    return List.of(vc(1, 1), viewChangeOf(2), viewChangeOf(3));
  }

  @Test
  void backupAcceptsANewViewWhoseOItRecomputesAndPreparesIt() {
    NewView nv = new NewView(1, validV(), List.of(pp(1, 1, req(7, 1))));
    List<Effect> out = c.inject(1, 2, nv);
    assertEquals(List.of(), ignored(out));
    assertEquals(List.of(SpecAction.ReceiveNewView), actions(out));
    assertEquals(Replica.Status.NORMAL, c.replica(2).status());
    assertEquals(List.of(new Prepare(1, 1, a.digest(), 2)), sent(out, Prepare.class));
  }

  @Test
  void newViewWithAForgedOIsRejected() {
    NewView dropsA = new NewView(1, validV(), List.of());
    NewView nullForA = new NewView(1, validV(), List.of(pp(1, 1)));
    NewView other = new NewView(1, validV(), List.of(pp(1, 1, req(8, 1))));
    for (NewView nv : List.of(dropsA, nullForA, other)) {
      assertEquals(List.of(INVALID_NEW_VIEW), ignored(c.inject(1, 2, nv)));
    }
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(2).status());
  }

  @Test
  void vMustBe2fPlus1ViewChangesForTheViewIncludingThePrimarys() {
    List<List<ViewChange>> bad = List.of(
        List.of(vc(1, 1), viewChangeOf(2)),
        List.of(viewChangeOf(0), viewChangeOf(2), viewChangeOf(3)),
        List.of(vc(1, 1), viewChangeOf(2), viewChangeOf(2)),
        List.of(vc(2, 1), viewChangeOf(2), viewChangeOf(3)));
    for (List<ViewChange> v : bad) {
      NewView nv = new NewView(1, v, NewViewComputation.compute(1, v).prePrepares());
      assertEquals(List.of(INVALID_NEW_VIEW), ignored(c.inject(1, 2, nv)), v.toString());
    }
  }

  @Test
  void aViewChangeInVWithAnUnprovenCertificateIsRejected() {
    ViewChange liar = vc(1, 1, cert(pp(0, 2, req(9, 1)), 1));
    List<ViewChange> v = List.of(liar, viewChangeOf(2), viewChangeOf(3));
    NewView nv = new NewView(1, v, NewViewComputation.compute(1, v).prePrepares());
    assertEquals(List.of(INVALID_CERTIFICATE), ignored(c.inject(1, 2, nv)));
  }

  @Test
  void newViewGuards() {
    NewView nv = new NewView(1, validV(), List.of(pp(1, 1, req(7, 1))));
    assertEquals(List.of(NOT_PRIMARY), ignored(c.inject(3, 2, nv)));
    c.inject(1, 2, nv);
    assertEquals(List.of(WRONG_VIEW), ignored(c.inject(1, 2, nv)), "already in view 1");
  }

  @Test
  void backupInAnEarlierViewMovesStraightToTheNewView() {
    Cluster fresh = Cluster.withByzantine(1);
    List<ViewChange> v = List.of(vc(1, 1), vc(1, 2), vc(1, 3));
    List<Effect> out = fresh.inject(1, 0, new NewView(1, v, List.of()));
    assertEquals(List.of(SpecAction.ReceiveNewView), actions(out));
    assertEquals(1, fresh.replica(0).view());
    assertTrue(fresh.replica(0).status() == Replica.Status.NORMAL);
  }
}
