package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.NewView;
import org.pbft.core.message.Request;
import org.pbft.core.message.ViewChange;
import org.pbft.service.KeyValueStore;

/**
 * The view-change timer of one replica (replica 3, timeout 10 ticks) across a view change that
 * the test drives by hand: it stops when the replica enters a view with nothing to wait for,
 * starts again in the new view for requests still waiting (which go to the new primary), and
 * counts consecutive view changes from the last view entered.
 */
class TimersAcrossAViewChangeTest {
  private final Replica r = new Replica(3, Cluster.smallConfig(), new KeyValueStore());

  private List<Effect> receive(int from, org.pbft.core.message.Message m) {
    return r.step(new Input.Receive(from, m));
  }

  /**
   * Ticks until the replica starts a view change; the ticks taken, or -1 within {@code max}.
   * Replicas 1 and 2 say at every tick that they wait where it waits (their STATUS), so that an
   * expiry is a vote to leave, not a replica alone asking; and they vote as soon as it does,
   * their timers expiring with its own, so that the vote is a view change.
   */
  private int ticksUntilViewChange(int max) {
    for (int t = 1; t <= max; t++) {
      statusOfOthers(false);
      List<Effect> out = new java.util.ArrayList<>(r.step(new Input.Tick()));
      if (r.suspectedView() == r.view()) {
        out.addAll(statusOfOthers(true));
      }
      if (actions(out).contains(SpecAction.StartViewChange)) {
        return t;
      }
    }
    return -1;
  }

  private List<Effect> statusOfOthers(boolean suspects) {
    List<Effect> out = new java.util.ArrayList<>();
    for (int other : new int[] {1, 2}) {
      out.addAll(receive(other, new org.pbft.core.message.StatusReport(r.view(),
          r.status() == Replica.Status.NORMAL, r.lowWatermark(), r.lastExecuted(), suspects,
          other)));
    }
    return out;
  }

  /** Replicas 1 and 2 ask for view 1: replica 3 joins; then the primary 1's NEW-VIEW arrives. */
  private void joinAndEnterView1() {
    receive(1, vc(1, 1));
    receive(2, vc(1, 2));
    assertEquals(Replica.Status.VIEW_CHANGE, r.status(), "joined on f + 1 VIEW-CHANGEs");
    List<ViewChange> v = List.of(vc(1, 1), vc(1, 2), vc(1, 3));
    receive(1, new NewView(1, v, List.of()));
    assertEquals(1, r.view());
    assertEquals(Replica.Status.NORMAL, r.status());
  }

  @Test
  void enteringAViewWithNothingWaitingStopsTheTimer() {
    joinAndEnterView1();
    assertEquals(-1, ticksUntilViewChange(200), "no request waits: no view change");
  }

  @Test
  void aRequestStillWaitingGoesToTheNewPrimaryAndRestartsTheTimer() {
    Request waiting = req(7, 1);
    receive(Input.CLIENT, waiting);
    receive(1, vc(1, 1));
    List<Effect> joined = receive(2, vc(1, 2));
    assertEquals(1, sent(joined, ViewChange.class).size());
    List<ViewChange> v = List.of(vc(1, 1), vc(1, 2), vc(1, 3));
    List<Effect> entered = receive(1, new NewView(1, v, List.of()));
    assertEquals(List.of(waiting), sent(entered, Request.class), "handed to primary 1");
    assertEquals(10, ticksUntilViewChange(200),
        "a full base timeout for the request in view 1, then view 2");
    assertEquals(2, r.view());
  }

  @Test
  void aViewChangeAfterAnEnteredViewWaitsTheBaseTimeoutForItsNewView() {
    receive(Input.CLIENT, req(7, 1));
    joinAndEnterView1();
    assertEquals(10, ticksUntilViewChange(200), "view 1's primary orders nothing");
    assertEquals(-1, ticksUntilViewChange(200),
        "alone in view 2: no NEW-VIEW wait until 2f+1 VIEW-CHANGEs for it");
    receive(1, vc(2, 1));
    receive(2, vc(2, 2));
    assertEquals(10, ticksUntilViewChange(200),
        "the first view change after view 1 was entered waits 10 ticks for NEW-VIEW, not 20");
    assertEquals(3, r.view()); // the doubling of a second one in a row: StartViewChangeTest
  }
}
