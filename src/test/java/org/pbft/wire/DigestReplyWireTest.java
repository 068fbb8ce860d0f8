package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.wire.FrameSurgery.MESSAGE_AT;

import org.junit.jupiter.api.Test;
import org.pbft.config.NodeId;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/**
 * A REQUEST's designated replier and a REPLY's digest flag travel on the wire; the client's
 * authenticator covers the replier, and a replier that names no replica is malformed.
 */
class DigestReplyWireTest {
  private static final NodeId R0 = NodeId.replica(0);
  private static final NodeId R1 = NodeId.replica(1);
  private static final NodeId C0 = NodeId.client(0);
  private static final byte[] OP = {1, 2, 3};
  /** Type, client, timestamp, operation length, operation, read-only flag: then the replier. */
  private static final int REPLIER_AT = MESSAGE_AT + 1 + 8 + 8 + 4 + OP.length + 1;

  private final TestCluster cluster = new TestCluster();

  @Test
  void theReplierAndTheDigestFlagSurviveARoundTrip() throws WireException {
    for (int replier : new int[] {Request.ALL_REPLY, 0, 3}) {
      Request r = new Request(0, 7, OP, false, replier);
      assertEquals(r, cluster.send(C0, R0, r).message());
    }
    Reply digest = new Reply(2, 7, 0, 1, OP).digested();
    assertEquals(digest, cluster.send(R1, C0, digest).message());
    Reply whole = new Reply(2, 7, 0, 1, new byte[32]);
    assertEquals(whole, cluster.send(R1, C0, whole).message(), "32 bytes, yet a whole result");
  }

  @Test
  void aReplierThatIsNoReplicaIsMalformed() {
    byte[] frame = cluster.seal(C0, R0, new Request(0, 7, OP, false, 3));
    assertEquals(3, frame[REPLIER_AT + 3], "the offset points at the replier");
    byte[] four = SecureChannel.remac(
        FrameSurgery.withByte(frame, REPLIER_AT + 3, 4), cluster.linkKey(C0, R0));
    WireException e = assertThrows(WireException.class, () -> cluster.channel(R0).open(four));
    assertEquals(DropReason.MALFORMED, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains("REQUEST replier 4"), e.getMessage());
  }

  @Test
  void theClientsAuthenticatorCoversTheReplier() {
    byte[] frame = cluster.seal(C0, R0, new Request(0, 7, OP, false, 3));
    byte[] other = SecureChannel.remac(
        FrameSurgery.withByte(frame, REPLIER_AT + 3, 2), cluster.linkKey(C0, R0));
    WireException e = assertThrows(WireException.class, () -> cluster.channel(R0).open(other));
    assertEquals(DropReason.BAD_REQUEST_AUTHENTICATOR, e.reason(), e.getMessage());
  }
}
