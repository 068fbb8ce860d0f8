package org.pbft.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.Quorums;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/**
 * Read-only requests at the client: sent to every replica, accepted from 2f+1 matching
 * read-only replies, and after the retransmission timeout sent again as an ordinary request with
 * the same timestamp, accepted from f+1 matching ordered replies.
 */
class ReadOnlyClientTest {
  private static final byte[] GET = {2, 0, 1, 'k'};
  private static final byte[] A = {7};
  private static final byte[] B = {8};
  private static final long TIMEOUT = 3;

  private final Client client = new Client(5, Quorums.forReplicas(4), TIMEOUT);

  private static Reply readOnly(int replica, byte[] result) {
    return new Reply(0, 1, 5, replica, result, true);
  }

  private static Reply ordered(int replica, byte[] result) {
    return new Reply(0, 1, 5, replica, result, false);
  }

  private Request invokeReadOnly() {
    List<ClientOutput> out = client.invokeReadOnly(GET);
    assertEquals(1, out.size());
    return ((ClientOutput.Broadcast) out.get(0)).request();
  }

  private List<ClientOutput> timeOut() {
    for (int i = 1; i < TIMEOUT; i++) {
      assertEquals(List.of(), client.tick());
    }
    return client.tick();
  }

  @Test
  void aReadOnlyRequestGoesToEveryReplica() {
    Request r = invokeReadOnly();
    assertTrue(r.readOnly());
    assertEquals(1, r.timestamp());
    assertArrayEquals(GET, r.operation());
  }

  @Test
  void acceptsTwoFPlusOneMatchingReadOnlyReplies() {
    invokeReadOnly();
    assertEquals(List.of(), client.onReply(readOnly(0, A)));
    assertEquals(List.of(), client.onReply(readOnly(1, A)));
    List<ClientOutput> out = client.onReply(readOnly(2, A));
    ClientOutput.Completed done = (ClientOutput.Completed) out.get(0);
    assertArrayEquals(A, done.result());
    assertTrue(done.request().readOnly());
    assertFalse(client.busy());
    assertEquals(1, client.readOnlyCompleted());
    assertEquals(0, client.readOnlyFallbacks());
  }

  /** f+1 would be enough for an ordered request; a read-only one needs 2f+1 to agree. */
  @Test
  void twoFMatchingReadOnlyRepliesAreNotEnough() {
    invokeReadOnly();
    assertEquals(List.of(), client.onReply(readOnly(0, A)));
    assertEquals(List.of(), client.onReply(readOnly(1, A)));
    assertEquals(List.of(), client.onReply(readOnly(2, B)));
    assertEquals(List.of(), client.onReply(readOnly(3, B)));
    assertEquals(List.of(), client.onReply(readOnly(1, A)), "same replica twice");
    assertTrue(client.busy());
    assertEquals(0, client.readOnlyCompleted());
  }

  @Test
  void orderedRepliesDoNotCountForAReadOnlyRequest() {
    invokeReadOnly();
    for (int i = 0; i < 4; i++) {
      assertEquals(List.of(), client.onReply(ordered(i, A)));
    }
    assertTrue(client.busy());
  }

  @Test
  void fallsBackAfterTheTimeoutToAnOrderedRequestWithTheSameTimestamp() {
    Request readOnlyRequest = invokeReadOnly();
    client.onReply(readOnly(0, A));
    client.onReply(readOnly(1, A));

    List<ClientOutput> out = timeOut();

    Request fallback = ((ClientOutput.Broadcast) out.get(0)).request();
    assertEquals(readOnlyRequest.asReadWrite(), fallback);
    assertFalse(fallback.readOnly());
    assertEquals(readOnlyRequest.timestamp(), fallback.timestamp());
    assertEquals(1, client.readOnlyFallbacks());
    assertEquals(0, client.retransmissions(), "a fallback is not a retransmission");

    // Late read-only replies no longer count: these 2 would otherwise be f+1.
    assertEquals(List.of(), client.onReply(readOnly(2, A)));
    assertEquals(List.of(), client.onReply(readOnly(3, A)));
    assertEquals(List.of(), client.onReply(ordered(0, B)));
    List<ClientOutput> done = client.onReply(ordered(1, B));
    ClientOutput.Completed completed = (ClientOutput.Completed) done.get(0);
    assertArrayEquals(B, completed.result());
    assertEquals(fallback, completed.request());
    assertEquals(0, client.readOnlyCompleted());
  }

  @Test
  void theFallbackIsRetransmittedLikeAnyOrderedRequest() {
    Request readOnlyRequest = invokeReadOnly();
    timeOut();
    assertEquals(List.of(new ClientOutput.Broadcast(readOnlyRequest.asReadWrite())), timeOut());
    assertEquals(1, client.retransmissions());
    assertEquals(1, client.readOnlyFallbacks());
  }

  @Test
  void theNextRequestGetsTheNextTimestamp() {
    invokeReadOnly();
    client.onReply(readOnly(0, A));
    client.onReply(readOnly(1, A));
    client.onReply(readOnly(2, A));
    assertEquals(2, ((ClientOutput.Send) client.invoke(GET).get(0)).request().timestamp());
  }
}
