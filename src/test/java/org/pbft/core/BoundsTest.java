package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Request;
import org.pbft.service.KvOperation;

/**
 * What a faulty peer or client can make a correct replica hold is bounded by the protocol: one
 * pending request per client, the ordered-in-view set by the requests in flight, CHECKPOINTs by
 * n * (L / K + 1). What happens at a bound is counted by reason. K = 2, L = 4.
 */
class BoundsTest {

  @Test
  void aClientHasOnePendingRequestItsNewest() {
    Cluster c = Cluster.withByzantine(0); // a silent primary: nothing is ordered
    Replica backup = c.replica(1);
    for (long t = 1; t <= 100; t++) {
      c.submit(1, req(7, t));
    }
    assertEquals(1, backup.pendingRequests());
    assertEquals(99, backup.ignoredCount(IgnoreReason.SUPERSEDED));
    assertEquals(List.of(IgnoreReason.STALE), ignored(c.submit(1, req(7, 50))));
    assertEquals(1, backup.pendingRequests());
  }

  @Test
  void theNewestRequestOfAClientIsStillOrderedAndExecuted() {
    Cluster c = Cluster.correct();
    c.submit(0, req(7, 1));
    c.submit(0, req(7, 2)); // before the first was executed: the primary orders both or the newer
    c.deliverAll();
    assertTrue(c.replies().stream().anyMatch(r -> r.timestamp() == 2 && r.replica() == 1),
        c.replies().toString());
    for (int id = 0; id < 4; id++) {
      assertEquals(0, c.replica(id).pendingRequests(), "replica " + id);
    }
  }

  @Test
  void executedRequestsLeaveTheOrderedInViewSet() {
    Cluster c = Cluster.correct();
    for (long client = 1; client <= 40; client++) {
      c.submit(0, req(client, 1));
      c.deliverAll();
    }
    assertEquals(40, countReplies(c, 0));
    assertEquals(0, c.replica(0).orderedInView());
  }

  private static long countReplies(Cluster c, int replica) {
    return c.replies().stream().filter(r -> r.replica() == replica).count();
  }

  @Test
  void checkpointsFarAboveTheWindowAreHeldOnePerSender() {
    Cluster c = Cluster.withByzantine(3);
    Replica r = c.replica(1);
    Digest junk = Digest.of(new byte[] {1});
    for (long seq = 6; seq <= 2_000; seq += 2) { // above h + L = 4
      c.inject(3, 1, new Checkpoint(seq, junk, 3));
    }
    assertEquals(1, r.heldCheckpoints(), "only replica 3's highest");
    assertEquals(997, r.ignoredCount(IgnoreReason.SUPERSEDED));
    assertEquals(List.of(IgnoreReason.STALE), ignored(c.inject(3, 1, new Checkpoint(8, junk, 3))));
    // inside the window every sequence number counts, once per sender
    c.inject(3, 1, new Checkpoint(2, junk, 3));
    c.inject(3, 1, new Checkpoint(4, junk, 3));
    assertEquals(3, r.heldCheckpoints());
    assertEquals(List.of(IgnoreReason.DUPLICATE), ignored(c.inject(3, 1, new Checkpoint(4,
        junk, 3))));
  }

  @Test
  void aPreparedReplicaHoldsOneReadOnlyRequestPerClient() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.deliverMatching(e -> !(e.to() == 2 && e.message() instanceof Commit));
    assertEquals(0, c.replica(2).lastExecuted(), "replica 2 is prepared and executed nothing");
    for (long t = 1; t <= 50; t++) {
      c.submit(2, new Request(7, t, new KvOperation.Get("k").encode(), true));
    }
    assertEquals(1, c.replica(2).heldReadOnly(), "the client's newest");
    assertEquals(49, c.replica(2).ignoredCount(IgnoreReason.SUPERSEDED));
    c.deliverAll();
    assertEquals(0, c.replica(2).heldReadOnly(), "answered once it executed");
  }
}
