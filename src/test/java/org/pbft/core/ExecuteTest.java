package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.IgnoreReason.*;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Reply;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;

/** PBFT.tla!Execute (COMMITs received by onCommit). */
class ExecuteTest {

  @Test
  void everyReplicaExecutesAndRepliesWithTheSameResult() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.deliverAll();
    for (int id = 0; id < 4; id++) {
      List<Effect.Execute> x = executed(c.effectsOf(id));
      assertEquals(1, x.size());
      assertEquals(List.of(req(1, 1)), x.get(0).requests());
      assertTrue(actions(c.effectsOf(id)).contains(SpecAction.Execute));
    }
    List<Reply> replies = c.replies();
    assertEquals(4, replies.size());
    assertEquals(1, replies.stream().map(r -> KvResult.decode(r.result())).distinct().count());
  }

  /** Primary 0 is Byzantine: the test orders two requests and delivers n = 2 first. */
  @Test
  void executionIsStrictlyInSequenceOrder() {
    Cluster c = Cluster.withByzantine(0);
    PrePrepare first = pp(0, 1, req(1, 1));
    PrePrepare second = pp(0, 2, req(2, 1));
    for (int id = 1; id <= 3; id++) {
      c.inject(0, id, second);
      c.inject(0, id, first);
    }
    c.deliverMatching(e -> seqOf(e) == 2);
    assertEquals(0, c.replica(1).lastExecuted(), "n = 2 is committed but n = 1 is not");
    c.deliverAll();
    for (int id = 1; id <= 3; id++) {
      assertEquals(List.of(1L, 2L), executed(c.effectsOf(id)).stream().map(x -> x.seq()).toList());
    }
  }

  private static long seqOf(Cluster.Envelope e) {
    if (e.message() instanceof Prepare p) {
      return p.seq();
    }
    return e.message() instanceof Commit k ? k.seq() : -1;
  }

  /** A faulty primary orders the same request twice; it runs once, the second reply is cached. */
  @Test
  void aRequestOrderedTwiceRunsOnce() {
    Cluster c = Cluster.withByzantine(0);
    var cas = op(1, 1, new KvOperation.CompareAndSet("k", null, "v"));
    for (int id = 1; id <= 3; id++) {
      c.inject(0, id, pp(0, 1, cas));
      c.inject(0, id, pp(0, 2, cas));
    }
    c.deliverAll();
    assertEquals(2, c.replica(1).lastExecuted());
    List<KvResult> results = c.replies().stream().map(r -> KvResult.decode(r.result())).toList();
    assertEquals(6, results.size());
    assertTrue(results.stream().allMatch(r -> r.status() == KvResult.Status.OK),
        "a second run of the compare-and-set would have failed: " + results);
  }

  @Test
  void checkpointIsMulticastAfterEveryKthSequenceNumber() {
    Cluster c = Cluster.correct(); // K = 2
    c.submit(0, req(1, 1));
    c.deliverAll();
    assertTrue(sent(c.effectsOf(1), Checkpoint.class).isEmpty());
    c.submit(0, req(2, 1));
    c.deliverAll();
    assertEquals(List.of(2L), sent(c.effectsOf(1), Checkpoint.class).stream()
        .map(Checkpoint::seq).toList());
  }

  @Test
  void commitGuards() {
    Cluster c = Cluster.withByzantine(0);
    PrePrepare pp = pp(0, 1, req(1, 1));
    assertEquals(List.of(WRONG_SENDER), ignored(c.inject(2, 1, commit(pp, 3))));
    assertEquals(List.of(OUTSIDE_WATERMARKS),
        ignored(c.inject(2, 1, commit(pp(0, 9, req(1, 1)), 2))));
    assertEquals(List.of(WRONG_VIEW), ignored(c.inject(2, 1, commit(pp(9, 1, req(1, 1)), 2))));
    c.inject(2, 1, commit(pp, 2));
    assertEquals(List.of(DUPLICATE), ignored(c.inject(2, 1, commit(pp, 2))));
  }

  @Test
  void commitsWithoutBeingPreparedDoNotExecute() {
    Cluster c = Cluster.withByzantine(0);
    PrePrepare pp = pp(0, 1, req(1, 1));
    c.inject(0, 1, pp);
    for (int q : new int[] {0, 2, 3}) {
      c.inject(q, 1, commit(pp, q));
    }
    assertEquals(0, c.replica(1).lastExecuted(), "committed-local needs prepared");
  }

  @Test
  void aPreparedReplicaExecutesOnlyWith2fPlus1MatchingCommits() {
    Cluster c = Cluster.withByzantine(0);
    PrePrepare pp = pp(0, 1, req(1, 1));
    c.inject(0, 1, pp);
    c.inject(2, 1, prepare(pp, 2)); // prepared: its own COMMIT is the first
    c.inject(2, 1, commit(pp, 2));
    assertEquals(0, c.replica(1).lastExecuted(), "2f COMMITs are not committed-local");
    c.inject(3, 1, commit(pp(0, 1, req(2, 1)), 3));
    assertEquals(0, c.replica(1).lastExecuted(), "a COMMIT for another digest does not count");
    c.inject(0, 1, commit(pp, 0));
    assertEquals(1, c.replica(1).lastExecuted());
  }
}
