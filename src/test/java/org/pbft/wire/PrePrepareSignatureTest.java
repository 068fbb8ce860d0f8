package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.config.NodeId;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Request;
import org.pbft.crypto.Ed25519;
import org.pbft.crypto.Hmac;

/**
 * A PRE-PREPARE's signature covers PRE-PREPARE(v, n, d), not the batch beside it: the batch is
 * bound by d, which the core checks (BAD_DIGEST, {@code ReceivePrePrepareTest}; in a prepared
 * certificate, {@code CertificatesTest}).
 */
class PrePrepareSignatureTest {
  private static final NodeId PRIMARY = NodeId.replica(0);
  private static final NodeId BACKUP = NodeId.replica(1);
  private final TestCluster cluster = new TestCluster();
  private final Request r1 = new Request(0, 7, new byte[] {1});
  private final Request r2 = new Request(1, 7, new byte[] {2});

  /** The only signature of a frame with one request: before its authenticator and link MAC. */
  private static byte[] signature(byte[] frame) {
    int end = frame.length - Hmac.MAC_BYTES - TestCluster.N * Hmac.MAC_BYTES;
    return Arrays.copyOfRange(frame, end - Ed25519.SIGNATURE_BYTES, end);
  }

  @Test
  void theSignatureCoversTheHeaderSoAnotherBatchUnderItIsLeftToTheDigestCheck()
      throws WireException {
    cluster.teach(PRIMARY, r1);
    cluster.teach(PRIMARY, r2);
    PrePrepare genuine = PrePrepare.of(0, 1, List.of(r1));
    PrePrepare swapped = new PrePrepare(0, 1, genuine.digest(), List.of(r2));
    long signedBefore = Ed25519.signed();
    byte[] a = cluster.seal(PRIMARY, BACKUP, genuine);
    byte[] b = cluster.seal(PRIMARY, BACKUP, swapped);
    assertEquals(1, Ed25519.signed() - signedBefore, "one header, one signature");
    assertArrayEquals(signature(a), signature(b));
    assertTrue(((PrePrepare) cluster.channel(BACKUP).open(a).message()).digestMatches());
    PrePrepare opened = (PrePrepare) cluster.channel(BACKUP).open(b).message();
    assertEquals(r2, opened.requests().get(0), "the wire took it: its signature is good");
    assertFalse(opened.digestMatches(), "so the core must refuse it, by its digest");
  }

  @Test
  void aChangedSequenceNumberOrDigestBreaksTheSignature() throws WireException {
    cluster.teach(PRIMARY, r1);
    byte[] frame = cluster.seal(PRIMARY, BACKUP, PrePrepare.of(0, 1, List.of(r1)));
    int seqLastByte = FrameSurgery.MESSAGE_AT + 1 + 8 + 7;
    int digestFirstByte = FrameSurgery.MESSAGE_AT + 1 + 8 + 8;
    for (int at : new int[] {seqLastByte, digestFirstByte}) {
      byte[] changed = frame.clone();
      changed[at] ^= 2;
      byte[] remaced = SecureChannel.remac(changed, cluster.linkKey(PRIMARY, BACKUP));
      WireException e = assertThrows(WireException.class,
          () -> cluster.channel(BACKUP).open(remaced), "byte " + at + " changed");
      assertEquals(DropReason.BAD_SIGNATURE, e.reason(), e.getMessage());
    }
  }
}
