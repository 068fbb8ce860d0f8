package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.service.KvOperation;

/**
 * The designated replier sends the whole result and every other replica its digest; a request
 * that comes back after execution is answered in full by every replica that executed it; a
 * result no longer than a digest is sent whole by all.
 */
class DigestReplyTest {
  private static final String LONG_VALUE = "v".repeat(Digest.LENGTH + 1);
  private final Cluster c = Cluster.correct();
  /** Replies to the requests before the one a test looks at. */
  private int earlier;

  /** A put whose result is the key's previous value: {@link #LONG_VALUE} once stored. */
  private static Request put(long timestamp, int replier) {
    return new Request(7, timestamp, new KvOperation.Put("k", LONG_VALUE).encode(), false,
        replier);
  }

  /** The second put, whose result is longer than a digest; the first is executed here. */
  private Request secondPut(int replier) {
    c.submit(0, put(1, Request.ALL_REPLY));
    c.deliverAll();
    earlier = c.replies().size();
    return put(2, replier);
  }

  private List<Reply> replies() {
    List<Reply> all = c.replies();
    return all.subList(earlier, all.size());
  }

  private static Reply of(List<Reply> replies, int replica) {
    return replies.stream().filter(r -> r.replica() == replica).findFirst().orElseThrow();
  }

  @Test
  void onlyTheDesignatedReplierSendsTheResultAndTheOthersItsDigest() {
    c.submit(0, secondPut(2));
    c.deliverAll();
    List<Reply> replies = replies();
    assertEquals(4, replies.size());
    byte[] result = of(replies, 2).result();
    assertTrue(result.length > Digest.LENGTH, "the previous value, longer than a digest");
    for (int i = 0; i < 4; i++) {
      Reply r = of(replies, i);
      assertEquals(i != 2, r.digestOnly(), "replica " + i);
      assertEquals(Digest.of(result), r.resultDigest(), "replica " + i + " vouches for another");
    }
  }

  @Test
  void aRequestSeenAgainAfterExecutionIsAnsweredInFullByAll() {
    Request r = secondPut(2);
    c.submit(0, r);
    c.deliverAll();
    byte[] result = of(replies(), 2).result();
    earlier = c.replies().size();
    for (int i = 0; i < 4; i++) {
      c.submit(i, r); // the client's retransmission, to every replica
    }
    List<Reply> again = replies();
    assertEquals(4, again.size());
    for (Reply reply : again) {
      assertEquals(false, reply.digestOnly(), "replica " + reply.replica());
      assertArrayEquals(result, reply.result());
    }
  }

  @Test
  void aRequestThatNamesNobodyIsAnsweredInFullByAll() {
    c.submit(0, secondPut(Request.ALL_REPLY));
    c.deliverAll();
    assertEquals(4, replies().stream().filter(r -> !r.digestOnly()).count());
  }

  /** The first put's result is the empty previous value: its digest would be the longer reply. */
  @Test
  void aResultNoLongerThanADigestIsSentWholeByAll() {
    c.submit(0, put(1, 2));
    c.deliverAll();
    assertEquals(4, replies().size());
    for (Reply r : replies()) {
      assertEquals(false, r.digestOnly(), "replica " + r.replica());
    }
  }
}
