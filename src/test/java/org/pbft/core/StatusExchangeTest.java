package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.ignored;
import static org.pbft.core.Msgs.req;
import static org.pbft.core.Msgs.sent;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;
import org.pbft.service.KeyValueStore;

/**
 * Lost messages are sent again after a STATUS (Castro's thesis, section 5.2), well within the
 * view-change timeout of {@link Cluster#smallConfig()} (10 ticks; the status interval is 1): a
 * replica that lost its COMMITs catches up, a group whose CHECKPOINTs were all lost with a full
 * window goes on, and a new primary that lost the VIEW-CHANGEs still forms its NEW-VIEW, all
 * without a further view change.
 */
class StatusExchangeTest {

  /** Ticks every replica once and delivers everything, {@code rounds} times. */
  private static void tickAndDeliver(Cluster c, int rounds) {
    for (int i = 0; i < rounds; i++) {
      c.tick(1);
      c.deliverAll();
    }
  }

  @Test
  void aReplicaThatLostItsCommitsCatchesUpWithoutAViewChange() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.deliverMatching(e -> !(e.to() == 3 && e.message() instanceof Commit));
    c.drop(e -> e.to() == 3);
    assertEquals(1, c.replica(0).lastExecuted());
    assertEquals(0, c.replica(3).lastExecuted(), "without its COMMITs replica 3 is stuck");

    tickAndDeliver(c, 5);
    assertEquals(1, c.replica(3).lastExecuted());
    for (int id = 0; id < 4; id++) {
      assertEquals(0, c.replica(id).view(), "replica " + id);
    }
  }

  @Test
  void lostCheckpointsWithAFullWindowDoNotStopTheGroup() {
    Cluster c = Cluster.correct();
    for (int client = 1; client <= 10; client++) {
      c.submit(0, req(client, 1));
    }
    while (c.deliverMatching(e -> !(e.message() instanceof Checkpoint)) > 0
        | c.drop(e -> e.message() instanceof Checkpoint) > 0) {
      // deliver everything but CHECKPOINTs, which are all lost
    }
    for (int id = 0; id < 4; id++) {
      assertEquals(4, c.replica(id).lastExecuted(), "the window of 4 is full");
      assertEquals(0, c.replica(id).lowWatermark(), "no checkpoint became stable");
    }

    tickAndDeliver(c, 5);
    for (int id = 0; id < 4; id++) {
      assertTrue(c.replica(id).lowWatermark() >= 4, "replica " + id);
      assertEquals(c.replica(0).lastExecuted(), c.replica(id).lastExecuted(), "replica " + id);
      assertEquals(0, c.replica(id).view(), "replica " + id);
    }
    assertEquals(10, c.replies().stream().filter(r -> r.replica() == 0)
        .map(r -> r.clientId()).distinct().count(), "every client's request executed");
  }

  @Test
  void aNewPrimaryThatLostTheViewChangesStillFormsItsNewView() {
    Cluster c = Cluster.afterASilentPrimaryTimedOut();
    assertEquals(2, c.drop(e -> e.to() == 1 && e.message() instanceof ViewChange));
    c.drop(e -> e.message() instanceof StatusReport); // sent while waiting in view 0: lost too
    c.deliverAll();
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(1).status());

    tickAndDeliver(c, 6);
    for (int id = 1; id <= 3; id++) {
      assertEquals(1, c.replica(id).view(), "replica " + id);
      assertEquals(Replica.Status.NORMAL, c.replica(id).status(), "replica " + id);
      assertEquals(1, c.replica(id).lastExecuted(), "replica " + id);
    }
  }

  @Test
  void anIdleGroupSendsNoStatus() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.deliverAll();
    int before = statusReports(c);
    tickAndDeliver(c, 50);
    assertEquals(before, statusReports(c));
  }

  @Test
  void answersToOneReplicaAreSpaced() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.deliverAll();
    StatusReport behind = new StatusReport(0, true, 0, 0, 3);
    List<Effect> first = c.inject(3, 0, behind);
    assertFalse(sent(first, org.pbft.core.message.PrePrepare.class).isEmpty(),
        "the primary sends its PRE-PREPARE again");
    assertEquals(List.of(IgnoreReason.RATE_LIMITED), ignored(c.inject(3, 0, behind)));
    assertEquals(List.of(IgnoreReason.WRONG_SENDER), ignored(c.inject(2, 0, behind)));
    c.tick(2);
    assertTrue(ignored(c.inject(3, 0, behind)).isEmpty(), "a status interval later");
  }

  /**
   * A status interval is an eighth of the timeout of 10 ticks: 1 tick. For a timeout without
   * progress a lone replica asks every tick, then waits 2, 4, 8 and from then on 10 ticks.
   */
  @Test
  void aReplicaCutOffFromTheOthersBacksOff() {
    Replica alone = new Replica(3, Cluster.smallConfig(), new KeyValueStore());
    alone.step(new Input.Receive(1, new Prepare(0, 1, Digest.of(new byte[] {1}), 1)));
    assertEquals(14, statusReportsWithin(alone, 40), "ticks 2 to 11, 13, 17, 25 and 35");
    assertEquals(10, statusReportsWithin(alone, 100), "one per timeout");
  }

  private static int statusReportsWithin(Replica r, int ticks) {
    int sent = 0;
    for (int t = 0; t < ticks; t++) {
      sent += sent(r.step(new Input.Tick()), StatusReport.class).size();
    }
    return sent;
  }

  private static int statusReports(Cluster c) {
    int count = 0;
    for (int id = 0; id < 4; id++) {
      count += sent(c.effectsOf(id), StatusReport.class).size();
    }
    return count;
  }
}
