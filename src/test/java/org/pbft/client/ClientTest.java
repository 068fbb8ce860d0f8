package org.pbft.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pbft.core.Quorums;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

class ClientTest {
  private static final byte[] OP = {1, 2, 3};
  private static final byte[] A = {7};
  private static final byte[] B = {8};

  private final Client client = new Client(5, Quorums.forReplicas(4), 3);

  private static Request requestOf(List<ClientOutput> out) {
    ClientOutput o = out.get(0);
    return o instanceof ClientOutput.Send s ? s.request() : ((ClientOutput.Broadcast) o).request();
  }

  @Test
  void sendsToThePrimaryWithIncreasingTimestamps() {
    List<ClientOutput> out = client.invoke(OP);
    assertEquals(1, out.size());
    ClientOutput.Send send = (ClientOutput.Send) out.get(0);
    assertEquals(0, send.replica());
    assertEquals(1, send.request().timestamp());
    assertEquals(5, send.request().clientId());
    assertArrayEquals(OP, send.request().operation());
    client.onReply(new Reply(0, 1, 5, 1, A));
    client.onReply(new Reply(0, 1, 5, 2, A));
    assertEquals(2, requestOf(client.invoke(OP)).timestamp());
  }

  @Test
  void acceptsFPlusOneMatchingRepliesFromDistinctReplicas() {
    client.invoke(OP);
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, 1, A)));
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, 1, A)), "same replica twice");
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, 2, B)), "a different result");
    List<ClientOutput> out = client.onReply(new Reply(0, 1, 5, 3, A));
    ClientOutput.Completed done = (ClientOutput.Completed) out.get(0);
    assertArrayEquals(A, done.result());
    assertFalse(client.busy());
  }

  @Test
  void aReplicaThatChangesItsReplyCountsOnce() {
    client.invoke(OP);
    client.onReply(new Reply(0, 1, 5, 1, A));
    client.onReply(new Reply(0, 1, 5, 1, B));
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, 2, A)));
    assertEquals(1, client.onReply(new Reply(0, 1, 5, 3, A)).size());
  }

  @Test
  void ignoresRepliesForOtherRequestsClientsOrUnknownReplicas() {
    client.invoke(OP);
    assertEquals(List.of(), client.onReply(new Reply(0, 0, 5, 1, A)));
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 6, 2, A)));
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, 4, A)));
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, -1, A)));
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, 1, A)));
    assertTrue(client.busy(), "only one valid reply so far");
  }

  @Test
  void retransmitsToAllReplicasOnTimeout() {
    Request r = requestOf(client.invoke(OP));
    assertEquals(List.of(), client.tick());
    assertEquals(List.of(), client.tick());
    assertEquals(List.of(new ClientOutput.Broadcast(r)), client.tick());
    assertEquals(List.of(), client.tick());
    assertEquals(List.of(), client.tick());
    assertEquals(List.of(new ClientOutput.Broadcast(r)), client.tick());
    assertEquals(2, client.retransmissions());
  }

  @Test
  void learnsTheViewFromAcceptedRepliesAndSendsToItsPrimary() {
    client.invoke(OP);
    client.onReply(new Reply(6, 1, 5, 1, A));
    client.onReply(new Reply(5, 1, 5, 2, A));
    assertEquals(5, client.view());
    assertEquals(1, ((ClientOutput.Send) client.invoke(OP).get(0)).replica());
  }

  @Test
  void oneRequestAtATime() {
    client.invoke(OP);
    assertThrows(IllegalStateException.class, () -> client.invoke(OP));
  }

  @Test
  void timestampsComeFromItsSourceWhichMustGrow() {
    long[] next = {1_700_000_000_000_000L};
    Client c = new Client(5, Quorums.forReplicas(4), 3, () -> next[0]);
    assertEquals(next[0], requestOf(c.invoke(OP)).timestamp());
    c.abandon();
    next[0]++;
    assertEquals(next[0], requestOf(c.invoke(OP)).timestamp());
    c.abandon();
    assertThrows(IllegalStateException.class, () -> c.invoke(OP), "the same timestamp again");
  }

  @Test
  void anAbandonedRequestIsNeitherRetransmittedNorCompletedAndTheNextOneIsLater() {
    client.invoke(OP);
    client.onReply(new Reply(0, 1, 5, 1, A));
    assertEquals(Map.of(1, new Reply(0, 1, 5, 1, A)), client.repliesSoFar());
    client.abandon();
    assertFalse(client.busy());
    assertEquals(Map.of(), client.repliesSoFar());
    for (int i = 0; i < 5; i++) {
      assertEquals(List.of(), client.tick());
    }
    Request next = requestOf(client.invoke(OP));
    assertEquals(2, next.timestamp());
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, 2, A)), "a late reply to the first");
    assertEquals(List.of(), client.onReply(new Reply(0, 1, 5, 3, A)));
    assertTrue(client.busy());
  }

  @Test
  void idleClientDoesNothingOnTicks() {
    assertEquals(List.of(), client.tick());
  }
}
