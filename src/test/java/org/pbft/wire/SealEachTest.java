package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.config.NodeId;
import org.pbft.core.message.Message;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Request;
import org.pbft.crypto.Ed25519;

/** A broadcast sealed once: one signature, frames that differ only in header and link MAC. */
class SealEachTest {
  private final TestCluster cluster = new TestCluster();
  private final NodeId primary = NodeId.replica(0);
  private final List<NodeId> backups =
      List.of(NodeId.replica(1), NodeId.replica(2), NodeId.replica(3));

  @Test
  void eachBackupOpensItsFrameAndTheMessageIsSignedOnce() throws Exception {
    Request r = new Request(0, 7, new byte[] {1, 2, 3});
    cluster.teach(primary, r); // the primary received the request with its authenticator
    PrePrepare pp = PrePrepare.of(0, 1, List.of(r));
    long signedBefore = Ed25519.signed();
    byte[][] frames = cluster.channel(primary).sealEach(backups, TestCluster.INCARNATION,
        new long[] {11, 12, 13}, 5, pp);
    assertEquals(1, Ed25519.signed() - signedBefore, "one signature for three frames");
    for (int i = 0; i < backups.size(); i++) {
      Frame f = cluster.channel(backups.get(i)).open(frames[i]);
      assertEquals(pp, f.message());
      assertEquals(11 + i, f.counter());
      assertEquals(backups.get(i), f.to());
    }
    int header = FrameHeader.LENGTH;
    int mac = org.pbft.crypto.Hmac.MAC_BYTES;
    assertArrayEquals(Arrays.copyOfRange(frames[0], header, frames[0].length - mac),
        Arrays.copyOfRange(frames[2], header, frames[2].length - mac), "the same body");
  }

  @Test
  void aFrameGoesOnlyToItsOwnDestination() throws Exception {
    Message m = PrePrepare.of(0, 1, List.of());
    byte[][] frames = cluster.channel(primary).sealEach(backups, TestCluster.INCARNATION,
        new long[] {21, 22, 23}, 5, m);
    WireException e = assertThrows(WireException.class,
        () -> cluster.channel(backups.get(1)).open(frames[0]));
    assertEquals(DropReason.WRONG_DESTINATION, e.reason());
  }

  @Test
  void oneCounterPerDestination() {
    assertThrows(IllegalArgumentException.class, () -> cluster.channel(primary).sealEach(
        backups, TestCluster.INCARNATION, new long[] {1, 2}, 5, PrePrepare.of(0, 1, List.of())));
  }
}
