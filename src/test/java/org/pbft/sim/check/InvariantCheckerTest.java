package org.pbft.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.Effect;
import org.pbft.core.Quorums;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/** Each spec invariant, checked incrementally, catches a broken history; a sound one passes. */
class InvariantCheckerTest {
  private static final ReplicaConfig CONFIG =
      new ReplicaConfig(Quorums.forReplicas(4), 2, 4, 2, 10, 4);
  private static final PrePrepare A = pp(0, 1, 1);
  private static final PrePrepare B = pp(0, 1, 2);

  private static PrePrepare pp(long view, long seq, long client) {
    return PrePrepare.of(view, seq, List.of(new Request(client, 1, new byte[] {1})));
  }

  private static Effect.Execute execute(PrePrepare pp) {
    return new Effect.Execute(pp.view(), pp.seq(), pp.digest(), pp.requests());
  }

  private static String only(InvariantChecker c) {
    assertEquals(1, c.violations().size(), c.violations().toString());
    return c.violations().get(0).check();
  }

  @Test
  void aSoundHistoryPasses() {
    InvariantChecker c = new InvariantChecker(CONFIG, 1);
    for (int r = 1; r <= 3; r++) {
      c.observeSent(r, new Prepare(0, 1, A.digest(), r));
      c.observeSent(r, new Commit(0, 1, A.digest(), r));
      c.observeExecute(r, execute(A));
      c.observeSent(r, new Checkpoint(2, Digest.of(new byte[] {9}), r));
      c.observeReply(new Reply(0, 1, 1, r, new byte[] {5}));
    }
    c.observeSent(1, new Prepare(1, 1, A.digest(), 1));
    assertFalse(c.violated());
  }

  @Test
  void agreementInvCatchesTwoBatchesAtOneSequenceNumber() {
    InvariantChecker c = new InvariantChecker(CONFIG, 0);
    c.observeExecute(1, execute(A));
    c.observeExecute(2, execute(B));
    assertEquals("AgreementInv", only(c));
  }

  @Test
  void checkpointStateInvCatchesDifferentStatesAtOneCheckpoint() {
    InvariantChecker c = new InvariantChecker(CONFIG, 0);
    c.observeSent(1, new Checkpoint(2, Digest.of(new byte[] {1}), 1));
    c.observeSent(2, new Checkpoint(2, Digest.of(new byte[] {2}), 2));
    assertEquals("CheckpointStateInv", only(c));
  }

  @Test
  void committedCarriedInvCatchesALaterViewAcceptingAnotherRequest() {
    InvariantChecker c = new InvariantChecker(CONFIG, 1);
    c.observeSent(1, new Commit(0, 1, A.digest(), 1));
    c.observeSent(2, new Commit(0, 1, A.digest(), 2));
    assertFalse(c.violated(), "2 correct COMMITs and the faulty one: committed");
    c.observeSent(3, new Prepare(1, 1, B.digest(), 3));
    assertEquals("CommittedCarriedInv", only(c));
  }

  @Test
  void committedCarriedInvCatchesACommitQuorumFormingAfterTheLaterAcceptance() {
    InvariantChecker c = new InvariantChecker(CONFIG, 0);
    c.observeSent(1, pp(2, 1, 2));
    for (int r = 1; r <= 3; r++) {
      c.observeSent(r, new Commit(0, 1, A.digest(), r));
    }
    assertEquals("CommittedCarriedInv", only(c));
  }

  @Test
  void clientAcceptInvCatchesTwoAcceptableResults() {
    InvariantChecker c = new InvariantChecker(CONFIG, 1);
    c.observeReply(new Reply(0, 1, 1, 1, new byte[] {5}));
    c.observeReply(new Reply(0, 1, 1, 2, new byte[] {6}));
    assertEquals("ClientAcceptInv", only(c));
  }

  /**
   * A digest reply vouches for the result it digests: with the one Byzantine replica's vote,
   * one correct replica's digest of 6 and the whole result 5 of another make two acceptable
   * results, and a digest of 5 beside a whole 5 makes one.
   */
  @Test
  void clientAcceptInvCountsADigestReplyWithTheResultItDigests() {
    InvariantChecker agreeing = new InvariantChecker(CONFIG, 1);
    agreeing.observeReply(new Reply(0, 1, 1, 1, new byte[] {5}));
    agreeing.observeReply(new Reply(0, 1, 1, 2, new byte[] {5}).digested());
    assertFalse(agreeing.violated(), agreeing.violations().toString());
    InvariantChecker c = new InvariantChecker(CONFIG, 1);
    c.observeReply(new Reply(0, 1, 1, 1, new byte[] {5}));
    c.observeReply(new Reply(0, 1, 1, 2, new byte[] {6}).digested());
    assertEquals("ClientAcceptInv", only(c));
  }

  /**
   * Replicas answer a read-only request from their own states, which may differ, and its ordered
   * fallback has the same timestamp: those replies are not ordered results.
   */
  @Test
  void readOnlyRepliesAreNotOrderedResults() {
    InvariantChecker c = new InvariantChecker(CONFIG, 1);
    c.observeReply(new Reply(0, 1, 1, 1, new byte[] {5}, true));
    c.observeReply(new Reply(0, 1, 1, 2, new byte[] {6}, true));
    c.observeReply(new Reply(0, 1, 1, 3, new byte[] {6}));
    assertFalse(c.violated(), c.violations().toString());
    c.observeReply(new Reply(0, 1, 1, 1, new byte[] {5}));
    assertEquals("ClientAcceptInv", only(c));
  }
}
