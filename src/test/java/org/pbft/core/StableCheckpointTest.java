package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.IgnoreReason.*;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;

/** PBFT.tla!StableCheckpoint (CHECKPOINTs received by onCheckpoint). K = 2, L = 4. */
class StableCheckpointTest {

  private static Cluster executedTwoRequests() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    return c;
  }

  @Test
  void matchingCheckpointsFrom2fPlus1ReplicasRaiseTheLowWatermarkAndCollectTheLog() {
    Cluster c = executedTwoRequests();
    c.deliverAll();
    for (int id = 0; id < 4; id++) {
      assertEquals(2, c.replica(id).lowWatermark());
      assertEquals(List.of(), c.replica(id).loggedSequenceNumbers());
      assertTrue(actions(c.effectsOf(id)).contains(SpecAction.StableCheckpoint));
    }
  }

  @Test
  void fewerThan2fPlus1CheckpointsAreNotEnough() {
    Cluster c = executedTwoRequests();
    c.deliverMatching(e -> !(e.message() instanceof Checkpoint));
    c.deliverMatching(e -> e.message() instanceof Checkpoint && e.from() == 0 && e.to() == 1);
    assertEquals(0, c.replica(1).lowWatermark(), "its own and replica 0's: 2 < 2f+1");
    assertEquals(List.of(1L, 2L), c.replica(1).loggedSequenceNumbers());
    c.deliverMatching(e -> e.message() instanceof Checkpoint && e.from() == 2 && e.to() == 1);
    assertEquals(2, c.replica(1).lowWatermark());
  }

  @Test
  void checkpointsWithAnotherStateDoNotCount() {
    Cluster c = Cluster.withByzantine(3);
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    // replica 3 is silent, so nothing commits without it: it votes as a correct replica would
    for (int round = 0; round < 3; round++) {
      for (Cluster.Envelope e : c.sentToByzantine()) {
        if (e.message() instanceof org.pbft.core.message.PrePrepare pp) {
          for (int to = 0; to < 3; to++) {
            if (to != 0) {
              c.inject(3, to, prepare(pp, 3));
            }
            c.inject(3, to, commit(pp, 3));
          }
        }
      }
      c.deliverMatching(e -> !(e.message() instanceof Checkpoint));
    }
    assertEquals(2, c.replica(1).lastExecuted());
    c.inject(3, 1, new Checkpoint(2, Digest.of(new byte[] {1}), 3));
    c.deliverMatching(e -> e.message() instanceof Checkpoint && e.from() == 0 && e.to() == 1);
    assertEquals(0, c.replica(1).lowWatermark(), "two matching plus one other state");
  }

  @Test
  void checkpointGuards() {
    Cluster c = executedTwoRequests();
    c.deliverAll();
    Digest d = Digest.of(new byte[] {1});
    assertEquals(List.of(WRONG_SENDER), ignored(c.inject(2, 1, new Checkpoint(4, d, 3))));
    assertEquals(List.of(STALE), ignored(c.inject(2, 1, new Checkpoint(2, d, 2))));
    assertEquals(List.of(NOT_A_CHECKPOINT), ignored(c.inject(2, 1, new Checkpoint(3, d, 2))));
    assertTrue(ignored(c.inject(2, 1, new Checkpoint(4, d, 2))).isEmpty());
    assertEquals(List.of(DUPLICATE), ignored(c.inject(2, 1, new Checkpoint(4, d, 2))));
  }

  @Test
  void theWindowMovesWithTheLowWatermark() {
    Cluster c = executedTwoRequests();
    c.deliverAll();
    assertEquals(List.of(OUTSIDE_WATERMARKS),
        ignored(c.inject(2, 1, prepare(pp(0, 2, req(1, 1)), 2))), "n <= h is below the window");
    assertFalse(ignored(c.inject(2, 1, prepare(pp(0, 6, req(1, 1)), 2))).contains(
        OUTSIDE_WATERMARKS), "h + L = 6 is inside");
  }
}
