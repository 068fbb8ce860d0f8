package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
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
 * Why a read-only result needs 2f+1 matching replies: with every replica correct, a put completes
 * with the f+1 replies of replicas 0 and 1 while replicas 2 and 3 have not executed it yet. A
 * read-only get invoked after that is answered by 2 and 3 from the old state: f+1 matching
 * replies, a stale read that the linearizability checker refutes. The client's 2f+1 rule does
 * not accept it; it falls back to ordering the get, which reads the put.
 */
class ReadOnlyLinearizabilityTest {
  private static final KvOperation PUT = new KvOperation.Put("k", "a");
  private static final KvOperation GET = new KvOperation.Get("k");

  private final Cluster c = Cluster.correct();
  private final Quorums quorums = c.config.quorums();
  private final Client writer = new Client(1, quorums, 3);
  private final Client reader = new Client(2, quorums, 3);
  private final List<Operation> history = new ArrayList<>();
  private long order;
  private int repliesSeen;

  /** Client 1's put completes from replicas 0 and 1; replicas 2 and 3 have not executed it. */
  private void putCompletesWhileReplicas2And3AreBehind() {
    Request put = ((ClientOutput.Send) writer.invoke(PUT.encode()).get(0)).request();
    history.add(Operation.pending(1, put.timestamp(), PUT, 0, order++));
    c.submit(0, put);
    c.deliverMatching(e -> e.to() != 3 && !(e.to() == 2 && e.message() instanceof Commit));
    feed(writer, c.replies());
    assertFalse(writer.busy(), "the put completed with f+1 replies");
    assertEquals(List.of(1L, 1L, 0L, 0L), List.of(c.replica(0).lastExecuted(),
        c.replica(1).lastExecuted(), c.replica(2).lastExecuted(), c.replica(3).lastExecuted()));
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

  /** The reader's read-only get, answered by replicas 3, 2, 0, 1 in that order. */
  private List<Reply> readOnlyGetAnswered() {
    Request get = ((ClientOutput.Broadcast) reader.invokeReadOnly(GET.encode()).get(0)).request();
    history.add(Operation.pending(2, get.timestamp(), GET, 0, order++));
    repliesSeen = c.replies().size();
    for (int replica : new int[] {3, 2, 0, 1}) {
      c.submit(replica, get);
    }
    List<Reply> answers = newReplies();
    assertEquals(4, answers.size());
    assertTrue(answers.stream().allMatch(Reply::readOnly));
    return answers;
  }

  private List<Reply> newReplies() {
    List<Reply> all = c.replies();
    List<Reply> fresh = all.subList(repliesSeen, all.size());
    repliesSeen = all.size();
    return fresh;
  }

  @Test
  void aReadOnlyResultFromFPlusOneMatchingRepliesCanBeStale() {
    putCompletesWhileReplicas2And3AreBehind();
    List<Reply> answers = readOnlyGetAnswered();

    byte[] stale = KvResult.ok(null).encode();
    long matchingStale = answers.stream()
        .filter(r -> ByteBuffer.wrap(r.result()).equals(ByteBuffer.wrap(stale)))
        .count();
    assertEquals(quorums.reply(), matchingStale, "replicas 2 and 3: f+1 stale replies");

    // What a client accepting f+1 read-only replies would have completed with:
    history.set(1, history.get(1).complete(0, order++, KvResult.ok(null)));
    Optional<Violation> v = LinearizabilityChecker.check(history);
    assertTrue(v.isPresent(), "the stale read must be refuted: " + history);
    assertEquals("Linearizability", v.get().check());
  }

  @Test
  void theTwoFPlusOneRuleFallsBackToOrderingAndReadsThePut() {
    putCompletesWhileReplicas2And3AreBehind();
    feed(reader, readOnlyGetAnswered());
    assertTrue(reader.busy(), "2 and 2 matching read-only replies: no 2f+1");

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
}
