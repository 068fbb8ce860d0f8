package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Batch;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.StateSnapshot;

/**
 * Messages are values: equal exactly when every field is, with hash codes that tell different
 * ones apart (replies and requests are kept in hash sets and maps: a constant hash would make
 * every lookup a scan), and names that say what they hold in logs. Batch digests cover every
 * field of every request, and where one request ends.
 */
class ValueSemanticsTest {

  private static void distinct(Object a, Object b) {
    assertNotEquals(a, b);
    assertNotEquals(a.hashCode(), b.hashCode(), a + " and " + b);
  }

  @Test
  void repliesDifferInEveryField() {
    Reply r = new Reply(1, 2, 3, 1, new byte[] {5}, false);
    assertEquals(r, new Reply(1, 2, 3, 1, new byte[] {5}, false));
    assertEquals(r.hashCode(), new Reply(1, 2, 3, 1, new byte[] {5}, false).hashCode());
    distinct(r, new Reply(2, 2, 3, 1, new byte[] {5}, false));
    distinct(r, new Reply(1, 3, 3, 1, new byte[] {5}, false));
    distinct(r, new Reply(1, 2, 3, 2, new byte[] {5}, false));
    distinct(r, new Reply(1, 2, 3, 1, new byte[] {6}, false));
    distinct(r, new Reply(1, 2, 3, 1, new byte[] {5}, true));
    assertNotEquals(r, new Reply(1, 2, 4, 1, new byte[] {5}, false));
    assertEquals("Reply[v=1, t=2, c=3, i=1, 1 bytes]", r.toString());
    assertEquals("Reply[v=1, t=2, c=3, i=1, read-only, 1 bytes]",
        new Reply(1, 2, 3, 1, new byte[] {5}, true).toString());
  }

  @Test
  void requestsDifferInEveryField() {
    Request r = new Request(1, 2, new byte[] {5, 6}, false);
    assertEquals(r.hashCode(), new Request(1, 2, new byte[] {5, 6}, false).hashCode());
    distinct(r, new Request(2, 2, new byte[] {5, 6}, false));
    distinct(r, new Request(1, 3, new byte[] {5, 6}, false));
    distinct(r, new Request(1, 2, new byte[] {5, 7}, false));
    distinct(r, new Request(1, 2, new byte[] {5, 6}, true));
    assertEquals("Request[c=1, t=2, op=0506]", r.toString());
    assertEquals("Request[c=1, t=2, read-only, op=0506]",
        new Request(1, 2, new byte[] {5, 6}, true).toString());
  }

  @Test
  void stateSnapshotsDifferInEveryField() {
    StateSnapshot s = new StateSnapshot(4, new byte[] {1, 2}, 3);
    assertEquals(s, new StateSnapshot(4, new byte[] {1, 2}, 3));
    assertEquals(s.hashCode(), new StateSnapshot(4, new byte[] {1, 2}, 3).hashCode());
    distinct(s, new StateSnapshot(8, new byte[] {1, 2}, 3));
    distinct(s, new StateSnapshot(4, new byte[] {1, 3}, 3));
    distinct(s, new StateSnapshot(4, new byte[] {1, 2}, 2));
    assertNotEquals(s, "StateSnapshot");
    assertEquals("StateSnapshot[n=4, i=3, 2 bytes]", s.toString());
  }

  @Test
  void digestsHashAndPrintByTheirBytes() {
    Digest a = Digest.of(new byte[] {1});
    distinct(a, Digest.of(new byte[] {2}));
    assertEquals(8, a.toString().length(), a.toString());
    assertEquals(java.util.HexFormat.of().formatHex(a.bytes(), 0, 4), a.toString());
  }

  @Test
  void aBatchDigestCoversClientTimestampAndReadOnlyFlag() {
    byte[] op = {9};
    Digest d = Batch.digest(List.of(new Request(1, 1, op, false)));
    assertNotEquals(d, Batch.digest(List.of(new Request(2, 1, op, false))));
    assertNotEquals(d, Batch.digest(List.of(new Request(1, 2, op, false))));
    assertNotEquals(d, Batch.digest(List.of(new Request(1, 1, op, true))));
  }

  /**
   * Without the length of each operation the two batches below would be the same bytes: the
   * first request's operation of one holds what is the second request's header in the other.
   */
  @Test
  void aBatchDigestKnowsWhereEachOperationEnds() {
    byte[] header = ByteBuffer.allocate(17).put((byte) 0).putLong(2).putLong(2).array();
    byte[] trailer = ByteBuffer.allocate(17).put((byte) 0).putLong(3).putLong(3).array();
    Digest a = Batch.digest(List.of(new Request(1, 1, new byte[0]), new Request(2, 2, trailer)));
    Digest b = Batch.digest(List.of(new Request(1, 1, header), new Request(3, 3, new byte[0])));
    assertNotEquals(a, b);
  }

  @Test
  void configsAtTheirSmallestBoundsAreAccepted() {
    Quorums q = Quorums.forReplicas(4);
    ReplicaConfig smallest = new ReplicaConfig(q, 1, 1, 1, 1, 1, 1);
    assertEquals(1, smallest.logWindow());
    assertThrows(IllegalArgumentException.class, () -> new ReplicaConfig(q, 0, 1, 1, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplicaConfig(q, 2, 1, 1, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplicaConfig(q, 1, 1, 0, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplicaConfig(q, 1, 1, 1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplicaConfig(q, 1, 1, 1, 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplicaConfig(q, 1, 1, 1, 1, 1, 0));
    assertEquals(7, ReplicaConfig.defaults(7).n());
    assertEquals(2, ReplicaConfig.defaults(7).quorums().f());
    assertEquals(1, ReplicaConfig.forShortRuns(4).maxBatchesInFlight());
  }

  @Test
  void aCorrectPeerAndItsReplicaHaveTheReplicasId() {
    Replica r = new Replica(2, ReplicaConfig.defaults(4), new org.pbft.service.KeyValueStore());
    assertEquals(2, r.id());
    assertEquals(2, Peer.correct(r).id());
  }
}
