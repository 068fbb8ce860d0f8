package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.IgnoreReason.*;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Batch;
import org.pbft.core.message.Commit;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;

/** PBFT.tla!SendCommit (PREPAREs received by onPrepare), at backup 1; primary 0 is Byzantine. */
class SendCommitTest {
  private final Cluster c = Cluster.withByzantine(0);
  private final PrePrepare pp = pp(0, 1, req(1, 1));

  @Test
  void backupWithPrePrepareAnd2fPreparesFromBackupsSendsCommit() {
    c.inject(0, 1, pp); // its own PREPARE is the first of the 2f
    List<Effect> out = c.inject(2, 1, prepare(pp, 2));
    assertEquals(List.of(commit(pp, 1)), sent(out, Commit.class));
    assertEquals(List.of(SpecAction.SendCommit), actions(out));
  }

  @Test
  void fewerThan2fPreparesDoNotPrepare() {
    List<Effect> out = c.inject(0, 1, pp);
    assertTrue(sent(out, Commit.class).isEmpty(), "its own PREPARE alone is not 2f");
  }

  @Test
  void preparesForAnotherDigestDoNotCount() {
    c.inject(0, 1, pp);
    Prepare other = new Prepare(0, 1, Batch.digest(List.of(req(9, 9))), 2);
    assertTrue(sent(c.inject(2, 1, other), Commit.class).isEmpty());
  }

  @Test
  void preparesBeforeThePrePrepareCountOnceItArrives() {
    c.inject(2, 1, prepare(pp, 2));
    c.inject(3, 1, prepare(pp, 3));
    List<Effect> out = c.inject(0, 1, pp);
    assertEquals(List.of(SpecAction.ReceivePrePrepare, SpecAction.SendCommit), actions(out));
  }

  @Test
  void commitIsSentOnce() {
    c.inject(0, 1, pp);
    c.inject(2, 1, prepare(pp, 2));
    assertTrue(sent(c.inject(3, 1, prepare(pp, 3)), Commit.class).isEmpty());
  }

  @Test
  void prepareFromThePrimaryIsRejected() {
    assertEquals(List.of(NOT_BACKUP), ignored(c.inject(0, 1, prepare(pp, 0))));
  }

  @Test
  void prepareFromAnotherSenderThanItNamesIsRejected() {
    assertEquals(List.of(WRONG_SENDER), ignored(c.inject(2, 1, prepare(pp, 3))));
  }

  @Test
  void prepareForAnEarlierOrFarLaterViewIsRejected() {
    c.submit(1, req(1, 1));
    c.votesToLeave(1, 2, 3); // replica 1 moves to view 1
    assertEquals(List.of(WRONG_VIEW), ignored(c.inject(2, 1, prepare(pp, 2))));
    PrePrepare far = pp(1 + 5, 1, req(1, 1)); // maxViewsAhead = 4
    assertEquals(List.of(WRONG_VIEW), ignored(c.inject(2, 1, prepare(far, 2))));
  }

  @Test
  void prepareOutsideTheWatermarksIsRejected() {
    assertEquals(List.of(OUTSIDE_WATERMARKS),
        ignored(c.inject(2, 1, prepare(pp(0, 5, req(1, 1)), 2))));
  }

  @Test
  void secondPrepareFromOneBackupIsADuplicate() {
    c.inject(2, 1, prepare(pp, 2));
    Prepare equivocation = new Prepare(0, 1, Batch.digest(List.of(req(9, 9))), 2);
    assertEquals(List.of(DUPLICATE), ignored(c.inject(2, 1, equivocation)));
  }
}
