package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/**
 * The designated replier sends the whole result and every other replica its digest; a request
 * that comes back after execution is answered in full by every replica that executed it.
 */
class DigestReplyTest {
  private final Cluster c = Cluster.correct();

  private static Request request(int replier) {
    return new Request(7, 1, new byte[] {4, 2}, false, replier);
  }

  private static Reply of(List<Reply> replies, int replica) {
    return replies.stream().filter(r -> r.replica() == replica).findFirst().orElseThrow();
  }

  @Test
  void onlyTheDesignatedReplierSendsTheResultAndTheOthersItsDigest() {
    c.submit(0, request(2));
    c.deliverAll();
    List<Reply> replies = c.replies();
    assertEquals(4, replies.size());
    byte[] result = of(replies, 2).result();
    for (int i = 0; i < 4; i++) {
      Reply r = of(replies, i);
      assertEquals(i != 2, r.digestOnly(), "replica " + i);
      assertEquals(Digest.of(result), r.resultDigest(), "replica " + i + " vouches for another");
    }
  }

  @Test
  void aRequestSeenAgainAfterExecutionIsAnsweredInFullByAll() {
    c.submit(0, request(2));
    c.deliverAll();
    int before = c.replies().size();
    byte[] result = of(c.replies(), 2).result();
    for (int i = 0; i < 4; i++) {
      c.submit(i, request(2)); // the client's retransmission, to every replica
    }
    List<Reply> again = c.replies().subList(before, c.replies().size());
    assertEquals(4, again.size());
    for (Reply r : again) {
      assertEquals(false, r.digestOnly(), "replica " + r.replica());
      assertArrayEquals(result, r.result());
    }
  }

  @Test
  void aRequestThatNamesNobodyIsAnsweredInFullByAll() {
    c.submit(0, new Request(7, 1, new byte[] {4, 2}));
    c.deliverAll();
    assertEquals(4, c.replies().stream().filter(r -> !r.digestOnly()).count());
  }
}
