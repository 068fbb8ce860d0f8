package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.NewView;
import org.pbft.core.message.ViewChange;
import org.pbft.service.KeyValueStore;

/**
 * A replica that missed a view change (here: restarted with its state lost, in view 0) asks for
 * view 1 once f+1 others show it they left view 0 (their STATUS in view 1); the primary of view 1 sends it its NEW-VIEW again, and the
 * replica enters view 1 with it (PBFT.tla!ReceiveNewView).
 */
class NewViewResendTest {
  @Test
  void thePrimarySendsItsNewViewAgainToAReplicaLeftBehind() {
    Cluster c = Cluster.afterASilentPrimaryTimedOut();
    c.deliverAll();
    assertEquals(1, c.replica(1).view());

    Replica restarted = new Replica(3, Cluster.smallConfig(), new KeyValueStore());
    restarted.step(new Input.Receive(Input.CLIENT, req(2, 1)));
    List<ViewChange> sent = new java.util.ArrayList<>();
    for (int q = 1; q <= 2; q++) { // two others say they work in view 1: view 0 is over
      sent.addAll(sent(restarted.step(new Input.Receive(q,
          new org.pbft.core.message.StatusReport(1, true, 0, 0, q))), ViewChange.class));
    }
    assertEquals(1, sent.size());
    ViewChange askFor1 = sent.get(0);
    assertEquals(1, askFor1.newView());

    c.tick(10); // replica 3 of the cluster may have had the NEW-VIEW again within a timeout
    List<NewView> resent = sent(c.inject(3, 1, askFor1), NewView.class);
    assertEquals(1, resent.size(), "the NEW-VIEW of view 1 goes to replica 3");
    assertEquals(List.of(), sent(c.inject(3, 1, askFor1), NewView.class), "not again at once");
    c.tick(10);
    assertEquals(1, sent(c.inject(3, 1, askFor1), NewView.class).size(), "again a timeout later");

    List<Effect> entered = restarted.step(new Input.Receive(1, resent.get(0)));
    assertEquals(1, restarted.view());
    assertEquals(Replica.Status.NORMAL, restarted.status());
    assertEquals(List.of(SpecAction.ReceiveNewView), actions(entered).stream()
        .filter(a -> a == SpecAction.ReceiveNewView).toList());
  }

  @Test
  void aReplicaThatSeesFPlus1ReplicasInALaterViewAsksForIt() {
    Replica behind = new Replica(3, Cluster.smallConfig(), new KeyValueStore());
    org.pbft.core.message.Digest d = pp(1, 1, req(5, 1)).digest();
    behind.step(new Input.Receive(1, new org.pbft.core.message.Prepare(1, 1, d, 1)));
    assertEquals(List.of(), viewChangesWithin(behind, 30), "one replica may be faulty");
    behind.step(new Input.Receive(2, new org.pbft.core.message.Prepare(1, 1, d, 2)));
    List<ViewChange> asked = viewChangesWithin(behind, 12); // one timeout of 10 ticks
    assertFalse(asked.isEmpty());
    // sent again while no NEW-VIEW comes (StatusExchange), always for view 1
    assertEquals(List.of(1L), asked.stream().map(ViewChange::newView).distinct().toList());
  }

  private static List<ViewChange> viewChangesWithin(Replica r, int ticks) {
    List<ViewChange> out = new java.util.ArrayList<>();
    for (int t = 0; t < ticks; t++) {
      out.addAll(sent(r.step(new Input.Tick()), ViewChange.class));
    }
    return out;
  }
}
