package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.IgnoreReason.*;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Batch;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;

/** PBFT.tla!ReceivePrePrepare, at backup 1; primary 0 is Byzantine so the test speaks for it. */
class ReceivePrePrepareTest {
  private final Cluster c = Cluster.withByzantine(0);

  private List<IgnoreReason> reasonsFor(int from, PrePrepare pp) {
    return ignored(c.inject(from, 1, pp));
  }

  @Test
  void backupAcceptsPrePrepareAndMulticastsPrepare() {
    PrePrepare pp = pp(0, 1, req(1, 1));
    List<Effect> out = c.inject(0, 1, pp);
    assertEquals(List.of(prepare(pp, 1)), sent(out, Prepare.class));
    assertEquals(List.of(SpecAction.ReceivePrePrepare), actions(out));
  }

  @Test
  void backupRejectsSecondPrePrepareForSameViewAndSeq() {
    c.inject(0, 1, pp(0, 1, req(1, 1)));
    List<Effect> out = c.inject(0, 1, pp(0, 1, req(2, 1)));
    assertEquals(List.of(CONFLICTING_PRE_PREPARE), ignored(out));
    assertTrue(sent(out, Prepare.class).isEmpty());
  }

  @Test
  void samePrePrepareAgainIsADuplicate() {
    c.inject(0, 1, pp(0, 1, req(1, 1)));
    assertEquals(List.of(DUPLICATE), reasonsFor(0, pp(0, 1, req(1, 1))));
  }

  @Test
  void prePrepareNotFromThePrimaryOfItsViewIsRejected() {
    assertEquals(List.of(NOT_PRIMARY), reasonsFor(2, pp(0, 1, req(1, 1))));
  }

  @Test
  void prePrepareForALaterViewIsHeldNotActedOn() {
    // replica 1 is the primary of view 1; backup 2 is still in view 0
    List<Effect> out = c.inject(1, 2, pp(1, 1, req(1, 1)));
    assertEquals(List.of(), ignored(out), "held for view 1");
    assertEquals(List.of(), sent(out, Prepare.class));
    assertEquals(List.of(WRONG_VIEW),
        ignored(c.inject(1, 2, pp(1, 1, req(2, 1)))), "one per sequence number is held");
  }

  @Test
  void prePrepareForAnotherViewIsRejected() {
    // replica 1 is the primary of view 5, beyond maxViewsAhead = 4; of view 0 it is not
    assertEquals(List.of(WRONG_VIEW), ignored(c.inject(1, 2, pp(5, 1, req(1, 1)))));
  }

  @Test
  void prePrepareOutsideTheWatermarksIsRejected() {
    assertEquals(List.of(OUTSIDE_WATERMARKS), reasonsFor(0, pp(0, 5, req(1, 1)))); // L = 4
    assertEquals(List.of(OUTSIDE_WATERMARKS), reasonsFor(0, pp(0, 0, req(1, 1))));
  }

  @Test
  void prePrepareWhoseDigestIsNotItsBatchIsRejected() {
    PrePrepare forged = new PrePrepare(0, 1, Batch.digest(List.of(req(2, 1))), List.of(req(1, 1)));
    assertEquals(List.of(BAD_DIGEST), reasonsFor(0, forged));
  }

  @Test
  void nullRequestOnlyComesThroughNewView() {
    assertEquals(List.of(NULL_REQUEST), reasonsFor(0, pp(0, 1)));
  }

  @Test
  void batchAboveTheBoundIsRejected() {
    assertEquals(List.of(BATCH_TOO_LARGE),
        reasonsFor(0, pp(0, 1, req(1, 1), req(2, 1), req(3, 1)))); // maxBatch = 2
  }

  @Test
  void backupWaitingForNewViewRejectsPrePrepares() {
    c.submit(2, req(1, 1));
    c.votesToLeave(2, 1, 3); // replica 2 moves to view 1 and waits for NEW-VIEW
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(2).status());
    assertEquals(1, c.replica(2).view());
    assertEquals(List.of(), ignored(c.inject(1, 2, pp(1, 1, req(1, 1)))), "held for view 1");
    assertEquals(List.of(VIEW_CHANGE_IN_PROGRESS), ignored(c.inject(1, 2, pp(1, 1, req(2, 1)))),
        "a second one for the slot is not");
  }
}
