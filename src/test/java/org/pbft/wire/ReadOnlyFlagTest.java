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
 * The read-only flag of REQUEST and REPLY travels as one byte, 0 or 1, and a client's request
 * authenticator covers it: no relaying replica can turn a request read-only or back.
 */
class ReadOnlyFlagTest {
  private static final NodeId R0 = NodeId.replica(0);
  private static final NodeId R1 = NodeId.replica(1);
  private static final NodeId C0 = NodeId.client(0);
  private static final byte[] OP = {1, 2, 3};
  /** Type, client, timestamp, operation length, operation: then the flag. */
  private static final int REQUEST_FLAG_AT = MESSAGE_AT + 1 + 8 + 8 + 4 + OP.length;

  private final TestCluster cluster = new TestCluster();

  @Test
  void theFlagSurvivesARoundTrip() throws WireException {
    for (boolean readOnly : new boolean[] {false, true}) {
      Request r = new Request(0, 7, OP, readOnly);
      assertEquals(r, cluster.send(C0, R0, r).message());
      Reply reply = new Reply(2, 7, 0, 1, OP, readOnly);
      assertEquals(reply, cluster.send(R1, C0, reply).message());
    }
  }

  @Test
  void aFlagByteOtherThanZeroOrOneIsMalformed() {
    byte[] frame = cluster.seal(C0, R0, new Request(0, 7, OP, true));
    assertEquals(1, frame[REQUEST_FLAG_AT], "the offset points at the flag");
    byte[] two = SecureChannel.remac(
        FrameSurgery.withByte(frame, REQUEST_FLAG_AT, 2), cluster.linkKey(C0, R0));
    WireException e = assertThrows(WireException.class, () -> cluster.channel(R0).open(two));
    assertEquals(DropReason.MALFORMED, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains("REQUEST read-only flag is 2"), e.getMessage());
  }

  @Test
  void theClientsAuthenticatorCoversTheFlag() {
    byte[] frame = cluster.seal(C0, R0, new Request(0, 7, OP, false));
    byte[] flipped = SecureChannel.remac(
        FrameSurgery.withByte(frame, REQUEST_FLAG_AT, 1), cluster.linkKey(C0, R0));
    WireException e = assertThrows(WireException.class, () -> cluster.channel(R0).open(flipped));
    assertEquals(DropReason.BAD_REQUEST_AUTHENTICATOR, e.reason(), e.getMessage());
  }
}
