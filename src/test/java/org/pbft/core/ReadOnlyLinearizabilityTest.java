package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pbft.client.Client;
import org.pbft.client.ClientOutput;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;
import org.pbft.sim.Operation;
import org.pbft.sim.check.LinearizabilityChecker;
import org.pbft.sim.check.Violation;

/**
 * Why read-only reads are linearizable, and what each rule contributes. A put completes with the
 * f+1 replies of replicas 0 and 1; replica 2 has sent its COMMIT (it is prepared) but has not
 * executed the put; replica 3 has seen nothing. Replica 0 plays the faulty one: it follows the
 * protocol, then forges a read-only reply from the state before the put. A read-only get invoked
 * after the put must not return the old value: the client's 2f+1 rule refuses f+1 stale replies,
 * and a replica prepared above its last execution (replica 2) answers only after executing that
 * far, so the stale replies (0's forged one, 3's) never reach 2f+1.
 */
class ReadOnlyLinearizabilityTest {
  private static final KvOperation PUT = new KvOperation.Put("k", "a");
  private static final KvOperation GET = new KvOperation.Get("k");
  private static final byte[] STALE = KvResult.ok(null).encode();

  private final Cluster c = Cluster.correct();
  private final Quorums quorums = c.config.quorums();
  private final Client writer = new Client(1, quorums, 3);
  private final Client reader = new Client(2, quorums, 3);
  private final List<Operation> history = new ArrayList<>();
  private long order;
  private int repliesSeen;

  /**
   * Client 1's put completes from replicas 0 and 1; replica 2 is prepared (it sent COMMIT) but
   * received no COMMIT; replica 3 received nothing.
   */
  private void putCompletesWhile2IsPreparedAnd3HasNothing() {
    Request put = ((ClientOutput.Send) writer.invoke(PUT.encode()).get(0)).request();
    history.add(Operation.pending(1, put.timestamp(), PUT, 0, order++));
    c.submit(0, put);
    c.deliverMatching(e -> e.to() != 3 && !(e.to() == 2 && e.message() instanceof Commit));
    feed(writer, newReplies());
    assertFalse(writer.busy(), "the put completed with f+1 replies");
    assertEquals(List.of(1L, 1L, 0L, 0L), List.of(c.replica(0).lastExecuted(),
        c.replica(1).lastExecuted(), c.replica(2).lastExecuted(), c.replica(3).lastExecuted()));
  }

  /**
   * The reader's read-only get, sent to replicas 3, 2 and 1, and replica 0's forged stale reply:
   * the replies that come at once.
   */
  private List<Reply> readOnlyGetAnswered() {
    Request get = ((ClientOutput.Broadcast) reader.invokeReadOnly(GET.encode()).get(0)).request();
    history.add(Operation.pending(2, get.timestamp(), GET, 0, order++));
    for (int replica : new int[] {3, 2, 1}) {
      c.submit(replica, get);
    }
    List<Reply> answers = new ArrayList<>(newReplies());
    answers.add(new Reply(0, get.timestamp(), get.clientId(), 0, STALE, true));
    assertTrue(answers.stream().allMatch(Reply::readOnly));
    return answers;
  }

  @Test
  void aPreparedReplicaAnswersOnlyAfterExecutingAndTheStaleRepliesStayBelow2fPlus1() {
    putCompletesWhile2IsPreparedAnd3HasNothing();
    List<Reply> answers = readOnlyGetAnswered();
    assertEquals(List.of(3, 1, 0), answers.stream().map(Reply::replica).toList(),
        "replica 2 holds the get: it is prepared at 1 and executed nothing");
    assertEquals(quorums.weak(), answers.stream().filter(this::isStale).count(),
        "replica 3 (behind) and 0 (lying)");
    feed(reader, answers);
    assertTrue(reader.busy(), "f+1 stale replies do not complete a read");

    c.deliverAll(); // replica 2 gets its COMMITs, executes the put, then answers the get
    List<Reply> late = newReplies().stream().filter(Reply::readOnly).toList();
    assertEquals(1, late.size());
    assertEquals(2, late.get(0).replica());
    assertFalse(isStale(late.get(0)), "answered after executing the put");
    feed(reader, late);
    assertTrue(reader.busy(), "two stale and two fresh: no 2f+1, the client falls back");
  }

  @Test
  void aReadFromFPlusOneReadOnlyRepliesWouldBeStale() {
    putCompletesWhile2IsPreparedAnd3HasNothing();
    List<Reply> answers = readOnlyGetAnswered();
    assertEquals(quorums.weak(), answers.stream().filter(this::isStale).count());
    // What a client accepting f+1 read-only replies would have completed with:
    history.set(1, history.get(1).complete(0, order++, KvResult.ok(null)));
    Optional<Violation> v = LinearizabilityChecker.check(history);
    assertTrue(v.isPresent(), "the stale read must be refuted: " + history);
    assertEquals("Linearizability", v.get().check());
  }

  @Test
  void theFallbackOrdersTheGetAndReadsThePut() {
    putCompletesWhile2IsPreparedAnd3HasNothing();
    feed(reader, readOnlyGetAnswered());
    c.deliverAll();
    feed(reader, newReplies());
    assertTrue(reader.busy());

    List<ClientOutput> fallback = List.of();
    while (fallback.isEmpty()) {
      fallback = reader.tick();
    }
    Request ordered = ((ClientOutput.Broadcast) fallback.get(0)).request();
    assertFalse(ordered.readOnly());
    for (int replica = 0; replica < 4; replica++) {
      c.submit(replica, ordered);
    }
    c.deliverAll();
    feed(reader, newReplies());

    assertFalse(reader.busy());
    assertEquals(1, reader.readOnlyFallbacks());
    assertEquals(KvResult.ok("a"), history.get(1).result());
    assertEquals(Optional.empty(), LinearizabilityChecker.check(history));
  }

  private boolean isStale(Reply r) {
    return r.resultDigest().equals(org.pbft.core.message.Digest.of(STALE));
  }

  /** Delivers replies to {@code client}; records its completion in the history. */
  private void feed(Client client, List<Reply> replies) {
    for (Reply r : replies) {
      for (ClientOutput o : client.onReply(r)) {
        if (o instanceof ClientOutput.Completed done) {
          int i = (int) client.clientId() - 1;
          history.set(i, history.get(i).complete(0, order++, KvResult.decode(done.result())));
        }
      }
    }
  }

  private List<Reply> newReplies() {
    List<Reply> all = c.replies();
    List<Reply> fresh = all.subList(repliesSeen, all.size());
    repliesSeen = all.size();
    return fresh;
  }
}
