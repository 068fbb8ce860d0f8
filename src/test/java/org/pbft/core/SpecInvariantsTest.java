package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Reply;

/** Each invariant checker catches a history that breaks it. */
class SpecInvariantsTest {
  private final SpecInvariants inv = new SpecInvariants(Cluster.smallConfig(), 1);
  private final PrePrepare a = pp(0, 1, req(1, 1));
  private final PrePrepare b = pp(0, 1, req(2, 1));

  private static Effect.Execute execute(PrePrepare pp) {
    return new Effect.Execute(pp.view(), pp.seq(), pp.digest(), pp.requests());
  }

  private static void assertViolates(String name, Runnable check) {
    AssertionError e = assertThrows(AssertionError.class, check::run);
    assertTrue(e.getMessage().startsWith(name), e.getMessage());
  }

  @Test
  void agreementInvCatchesTwoBatchesAtOneSequenceNumber() {
    inv.observeExecute(1, execute(a));
    inv.observeExecute(2, execute(a));
    assertDoesNotThrow(inv::check);
    inv.observeExecute(3, execute(b));
    assertViolates("AgreementInv", inv::check);
  }

  @Test
  void checkpointStateInvCatchesTwoStatesAtOneCheckpoint() {
    inv.observeSent(1, new Checkpoint(2, Digest.of(new byte[] {1}), 1));
    inv.observeSent(2, new Checkpoint(2, Digest.of(new byte[] {2}), 2));
    assertViolates("CheckpointStateInv", inv::check);
  }

  @Test
  void committedCarriedInvCatchesALaterViewAcceptingAnotherRequest() {
    inv.observeSent(1, commit(a, 1));
    inv.observeSent(2, commit(a, 2)); // with the faulty replica: 2f+1
    inv.observeSent(3, prepare(pp(1, 1, req(1, 1)), 3));
    assertDoesNotThrow(inv::check);
    inv.observeSent(3, prepare(pp(2, 1, req(2, 1)), 3));
    assertViolates("CommittedCarriedInv", inv::check);
  }

  @Test
  void clientAcceptInvCatchesTwoAcceptableResults() {
    inv.observeReply(new Reply(0, 1, 1, 1, new byte[] {1}));
    inv.observeReply(new Reply(0, 1, 1, 2, new byte[] {1}));
    assertDoesNotThrow(inv::check);
    inv.observeReply(new Reply(0, 1, 1, 3, new byte[] {2}));
    assertViolates("ClientAcceptInv", inv::check);
  }

  @Test
  void clientAcceptInvLeavesReadOnlyRepliesOut() {
    inv.observeReply(new Reply(0, 1, 1, 1, new byte[] {1}));
    inv.observeReply(new Reply(0, 1, 1, 2, new byte[] {1}));
    inv.observeReply(new Reply(0, 1, 1, 3, new byte[] {2}, true));
    assertDoesNotThrow(inv::check);
  }
}
