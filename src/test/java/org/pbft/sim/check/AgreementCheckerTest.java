package org.pbft.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.Effect;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Request;

class AgreementCheckerTest {
  private static final Request R1 = new Request(1, 1, new byte[] {1});
  private static final Request R2 = new Request(2, 1, new byte[] {2});

  private static Effect.Execute execute(long seq, Request... batch) {
    PrePrepare pp = PrePrepare.of(0, seq, List.of(batch));
    return new Effect.Execute(0, seq, pp.digest(), pp.requests());
  }

  @Test
  void theSameBatchesAndStatesAgree() {
    AgreementChecker c = new AgreementChecker();
    c.observeExecute(1, execute(1, R1, R2));
    c.observeExecute(2, execute(1, R1, R2));
    c.observeExecute(2, execute(2));
    c.observeCheckpoint(1, new Checkpoint(2, Digest.of(new byte[] {1}), 1));
    c.observeCheckpoint(3, new Checkpoint(2, Digest.of(new byte[] {1}), 3));
    assertEquals(List.of(), c.violations());
    assertEquals(2, c.executedSequenceNumbers());
  }

  @Test
  void catchesTheSameRequestsInAnotherOrder() {
    AgreementChecker c = new AgreementChecker();
    c.observeExecute(1, execute(1, R1, R2));
    c.observeExecute(2, execute(1, R2, R1));
    assertEquals(1, c.violations().size());
    assertEquals("Agreement", c.violations().get(0).check());
  }

  @Test
  void catchesDifferentStatesAtACheckpoint() {
    AgreementChecker c = new AgreementChecker();
    c.observeCheckpoint(1, new Checkpoint(2, Digest.of(new byte[] {1}), 1));
    c.observeCheckpoint(3, new Checkpoint(2, Digest.of(new byte[] {2}), 3));
    assertEquals(1, c.violations().size());
  }
}
