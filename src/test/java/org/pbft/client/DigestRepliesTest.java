package org.pbft.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.Quorums;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/**
 * Digest replies (Castro and Liskov, section 5.1): the designated replier sends the result, the
 * others its digest; the client needs f+1 matching digests and the result itself.
 */
class DigestRepliesTest {
  private static final byte[] OP = {1};
  private static final byte[] X = {7, 7, 7};
  private static final byte[] Y = {8};

  /** Client 5 of four replicas: its first replier is replica 5 mod 4 = 1. */
  private final Client client = new Client(5, Quorums.forReplicas(4), 3);

  private static Reply whole(int replica, byte[] result) {
    return new Reply(0, 1, 5, replica, result);
  }

  private static Reply digest(int replica, byte[] result) {
    return whole(replica, result).digested();
  }

  private Request invoke() {
    return ((ClientOutput.Send) client.invoke(OP).get(0)).request();
  }

  @Test
  void aRequestNamesItsReplierAndOnlyItsResultCompletesIt() {
    assertEquals(1, invoke().replier());
    assertEquals(List.of(), client.onReply(digest(2, X)));
    assertEquals(List.of(), client.onReply(digest(3, X)), "f+1 digests, but no result yet");
    assertTrue(client.busy());
    ClientOutput.Completed done =
        assertInstanceOf(ClientOutput.Completed.class, client.onReply(whole(1, X)).get(0));
    assertArrayEquals(X, done.result());
    assertEquals(1, client.replier(), "the replier delivered: it stays");
    assertEquals(0, client.replierChanges());
  }

  @Test
  void aResultWhoseDigestNoOtherReplicaVouchesForIsNotAccepted() {
    invoke();
    client.onReply(whole(1, X));
    assertEquals(List.of(), client.onReply(digest(2, Y)), "the digest of another result");
    ClientOutput.Completed done =
        assertInstanceOf(ClientOutput.Completed.class, client.onReply(digest(3, X)).get(0));
    assertArrayEquals(X, done.result());
  }

  @Test
  void aSilentReplierCostsOneRetransmissionAndTheNextRequestNamesAnother() {
    invoke();
    client.onReply(digest(0, X));
    client.onReply(digest(2, X));
    client.onReply(digest(3, X));
    assertTrue(client.busy(), "three digests and no result");
    client.tick();
    client.tick();
    assertInstanceOf(ClientOutput.Broadcast.class, client.tick().get(0));
    // a replica that sees the request again after executing it sends the whole result
    assertInstanceOf(ClientOutput.Completed.class, client.onReply(whole(2, X)).get(0));
    assertEquals(2, client.replier());
    assertEquals(1, client.replierChanges());
    assertEquals(2, invoke().replier());
  }

  /**
   * A short result comes whole from every replica: the first f+1 that match complete the
   * request, and the replier that was not among them is no reason to name another.
   */
  @Test
  void wholeResultsFromOthersCompleteWithoutChangingTheReplier() {
    invoke();
    client.onReply(whole(2, X));
    assertInstanceOf(ClientOutput.Completed.class, client.onReply(whole(3, X)).get(0));
    assertEquals(1, client.replier());
    assertEquals(0, client.replierChanges());
  }
}
