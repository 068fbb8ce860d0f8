package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pbft.config.NodeId;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Prepare;
import org.pbft.crypto.Ed25519;
import org.pbft.crypto.Hmac;

/** {@link SecureChannel#open(byte[], java.util.function.Predicate)}: a needless message. */
class NeedlessMessageTest {
  private static final NodeId R1 = NodeId.replica(1);
  private static final NodeId R2 = NodeId.replica(2);
  private final TestCluster cluster = new TestCluster();

  /** A PREPARE from replica 1 to 2 with its signature broken, under a valid link MAC. */
  private byte[] badlySignedPrepare() {
    byte[] frame = cluster.seal(R1, R2, new Prepare(0, 1, Digest.of(new byte[] {1}), 1));
    byte[] broken = frame.clone();
    broken[frame.length - Hmac.MAC_BYTES - Ed25519.SIGNATURE_BYTES] ^= 1;
    return SecureChannel.remac(broken, cluster.linkKey(R1, R2));
  }

  @Test
  void aNeedlessMessageIsDroppedBeforeItsSignatureIsCheckedAndItsCounterIsNotTaken()
      throws WireException {
    byte[] frame = badlySignedPrepare();
    assertNull(cluster.channel(R2).open(frame, m -> m instanceof Prepare),
        "a needless PREPARE is dropped, its signature never checked");
    // Not accepted either: opened again, the same frame is checked in full (not a replay).
    WireException e = assertThrows(WireException.class, () -> cluster.channel(R2).open(frame));
    assertEquals(DropReason.BAD_SIGNATURE, e.reason());
  }

  @Test
  void theLinkMacIsCheckedFirst() {
    byte[] frame = cluster.seal(R1, R2, new Prepare(0, 1, Digest.of(new byte[] {1}), 1));
    byte[] otherKey = SecureChannel.remac(frame, cluster.linkKey(R2, NodeId.replica(3)));
    WireException e = assertThrows(WireException.class,
        () -> cluster.channel(R2).open(otherKey, m -> true));
    assertEquals(DropReason.BAD_MAC, e.reason());
  }

  @Test
  void aMessageTheReceiverNeedsIsOpenedAsUsual() throws WireException {
    byte[] frame = cluster.seal(R1, R2, new Prepare(0, 1, Digest.of(new byte[] {1}), 1));
    assertNotNull(cluster.channel(R2).open(frame, m -> false));
  }
}
