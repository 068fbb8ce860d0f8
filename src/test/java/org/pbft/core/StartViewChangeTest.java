package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;

/** PBFT.tla!StartViewChange: the view-change timer (10 ticks) of backup 1; primary 0 is silent. */
class StartViewChangeTest {
  private final Cluster c = Cluster.withByzantine(0);

  @Test
  void backupWaitingForARequestMovesToTheNextViewWhenItsTimerExpires() {
    c.submit(1, req(1, 1));
    c.submit(2, req(1, 1));
    c.submit(3, req(1, 1));
    c.tick(9);
    assertEquals(0, c.replica(1).view());
    c.timeOutTogether(1, 1, 2, 3);
    assertEquals(1, c.replica(1).view());
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(1).status());
    ViewChange vc = sent(c.effectsOf(1), ViewChange.class).get(0);
    assertEquals(List.of(1L, 0L, 1L), List.of(vc.newView(), vc.stableSeq(), (long) vc.replica()));
    assertEquals(initialState(), vc.stateDigest());
    assertTrue(actions(c.effectsOf(1)).contains(SpecAction.StartViewChange));
  }

  @Test
  void aReplicaAloneWithItsRequestAsksInsteadOfLeaving() {
    c.submit(1, req(1, 1));
    int before = c.effectsOf(1).size();
    c.tick(10);
    assertEquals(0, c.replica(1).view(), "no other replica seen stuck: it may be cut off");
    assertEquals(1, c.replica(1).timeoutsStayed());
    assertTrue(sent(c.effectsOf(1).subList(before, c.effectsOf(1).size()),
        StatusReport.class).size() > 0, "it says where it waits");
    c.timeOutTogether(10, 1, 2); // replica 2 holds nothing, but says it waits in view 0 too
    assertEquals(0, c.replica(1).view(), "one other (f) is not enough: it could be faulty");
    c.submit(3, req(1, 1));
    c.timeOutTogether(10, 1, 2, 3);
    assertEquals(1, c.replica(1).view(), "f+1 others stuck as it is: the primary is the problem");
  }

  @Test
  void replicaWithNothingToWaitForNeverTimesOut() {
    c.tick(1000);
    assertEquals(0, c.replica(1).view());
  }

  @Test
  void viewChangeCarriesTheHighestViewPreparedCertificateAboveTheCheckpoint() {
    PrePrepare pp = pp(0, 1, req(1, 1));
    c.inject(0, 1, pp);
    c.inject(2, 1, prepare(pp, 2)); // replica 1 is now prepared at (0, 1)
    c.submit(1, req(1, 1));
    c.votesToLeave(1, 2, 3);
    ViewChange vc = sent(c.effectsOf(1), ViewChange.class).get(0);
    assertEquals(1, vc.preparedCertificates().size());
    PreparedCertificate cert = vc.preparedCertificates().get(0);
    assertEquals(pp, cert.prePrepare());
    assertEquals(List.of(prepare(pp, 1), prepare(pp, 2)), cert.prepares());
  }

  @Test
  void acceptedButNotPreparedRequestsAreNotInP() {
    c.inject(0, 1, pp(0, 1, req(1, 1)));
    c.submit(1, req(1, 1));
    c.votesToLeave(1, 2, 3);
    assertTrue(sent(c.effectsOf(1), ViewChange.class).get(0).preparedCertificates().isEmpty());
  }

  @Test
  void aReplicaThatMovedAloneWaitsForTheOthersInsteadOfClimbingAlone() {
    c.submit(1, req(1, 1));
    c.votesToLeave(1, 2, 3); // they voted; then they made progress (their own VIEW-CHANGEs lost)
    assertEquals(1, c.replica(1).view());
    c.tick(1000); // replicas 2 and 3 hold no request: they never time out
    assertEquals(1, c.replica(1).view(), "no NEW-VIEW wait without 2f+1 VIEW-CHANGEs");
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(1).status());
    assertEquals(1, sent(c.effectsOf(1), ViewChange.class).stream()
        .filter(vc -> vc.newView() > 1).count() + 1, "one VIEW-CHANGE, for view 1 only");
  }

  @Test
  void aRequestArrivingWhileItWaitsForTheOthersStartsNoTimer() {
    c.submit(1, req(1, 1));
    c.votesToLeave(1, 2, 3);
    c.submit(1, req(2, 1));
    c.tick(1000);
    assertEquals(1, c.replica(1).view());
  }

  /** Replica 3 is a backup in views 1 and 2 (primaries 1 and 2). */
  @Test
  void theNewViewWaitStartsWith2fPlus1ViewChangesAndDoublesForEachViewInARow() {
    c.submit(3, req(1, 1));
    c.votesToLeave(3, 1, 2);
    c.inject(2, 3, vc(1, 2));
    c.tick(50);
    assertEquals(1, c.replica(3).view(), "two VIEW-CHANGEs for view 1: no timer yet");
    assertEquals(0, c.replica(3).suspectedView());
    c.inject(1, 3, vc(1, 1)); // 2f+1 with its own: the wait for NEW-VIEW starts now, T = 10
    c.tick(9);
    c.inject(1, 3, new StatusReport(1, false, 0, 0, 1)); // both still wait for that NEW-VIEW
    c.inject(2, 3, new StatusReport(1, false, 0, 0, 2));
    assertEquals(0, c.replica(3).suspectedView());
    c.tick(1);
    assertEquals(1, c.replica(3).suspectedView(), "no NEW-VIEW within T: it votes to leave");
    c.votesToLeave(3, 1, 2);
    assertEquals(2, c.replica(3).view(), "and leaves with 2f+1 votes");
    c.inject(1, 3, vc(2, 1));
    c.inject(2, 3, vc(2, 2));
    c.tick(19); // waiting for NEW-VIEW of view 2: 2T
    c.inject(1, 3, new StatusReport(2, false, 0, 0, 1));
    c.inject(2, 3, new StatusReport(2, false, 0, 0, 2));
    assertEquals(1, c.replica(3).suspectedView());
    c.tick(1);
    assertEquals(2, c.replica(3).suspectedView(), "no NEW-VIEW within 2T: it votes");
    c.votesToLeave(3, 1, 2);
    assertEquals(3, c.replica(3).view());
  }

  /** Replica 2 is a backup in view 1, whose primary is replica 1. */
  @Test
  void aReplicaWhoseOwnViewTheOthersWorkInAsksForTheNewViewInsteadOfLeaving() {
    c.submit(2, req(1, 1));
    c.votesToLeave(2, 1, 3);
    c.inject(1, 2, vc(1, 1));
    c.inject(3, 2, vc(1, 3));
    // the primary 1's NEW-VIEW was lost; replicas 1 and 3 work in view 1
    PrePrepare inView1 = pp(1, 1, req(1, 1));
    c.inject(1, 2, inView1);
    c.inject(3, 2, prepare(inView1, 3));
    c.inject(3, 2, new StatusReport(1, false, 0, 0, 3)); // stale: replica 3 works in view 1 now
    int before = c.effectsOf(2).size();
    c.tick(10);
    assertEquals(1, c.replica(2).view(), "behind in view 1, not facing a faulty primary");
    List<Effect> after = c.effectsOf(2).subList(before, c.effectsOf(2).size());
    assertEquals(List.of(1L), sent(after, ViewChange.class).stream()
        .map(ViewChange::newView).distinct().toList(),
        "its VIEW-CHANGE for view 1 again, which gets it the NEW-VIEW from the primary");
    assertEquals(1, c.replica(2).timeoutsStayed());
  }

  @Test
  void oneFaultyReplicaCannotKeepAReplicaFromLeavingAView() {
    c.submit(2, req(1, 1));
    c.votesToLeave(2, 1, 3);
    c.inject(1, 2, vc(1, 1));
    c.inject(3, 2, vc(1, 3));
    c.inject(3, 2, prepare(pp(1, 1, req(1, 1)), 3)); // f = 1 claims to work in view 1
    c.tick(9);
    c.inject(1, 2, new StatusReport(1, false, 0, 0, 1)); // and replica 1 waits as 2 does
    c.inject(3, 2, new StatusReport(1, false, 0, 0, 3));
    c.tick(1);
    assertEquals(1, c.replica(2).suspectedView(), "f replicas are not evidence: it votes to leave");
    c.votesToLeave(2, 1);
    assertEquals(1, c.replica(2).view(), "two votes of 2f+1");
    c.votesToLeave(2, 3);
    assertEquals(2, c.replica(2).view());
  }

  @Test
  void aBackupWhosePeersExecuteBeyondItCatchesUpInsteadOfLeaving() {
    c.submit(1, req(1, 1));
    c.tick(5);
    c.inject(2, 1, new StatusReport(0, true, 0, 3, 2));
    c.inject(3, 1, new org.pbft.core.message.Checkpoint(2, initialState(), 3));
    c.tick(5);
    assertEquals(0, c.replica(1).view(), "f+1 others executed beyond it in view 0: it is behind");
    assertEquals(Replica.Status.NORMAL, c.replica(1).status());
    c.tick(30);
    assertEquals(0, c.replica(1).view(), "the others are ahead of it, not stuck where it is");
    c.inject(2, 1, vc(1, 2));
    c.inject(3, 1, vc(1, 3));
    assertEquals(1, c.replica(1).view(), "when they leave the view, the join rule takes it along");
  }

  @Test
  void anExpiredTimerIsAVoteThatMovesNoOneAlone() {
    for (int id = 1; id <= 3; id++) {
      c.submit(id, req(1, 1));
    }
    c.tick(9);
    c.inject(2, 1, c.statusOf(2)); // replicas 2 and 3 wait where 1 waits
    c.inject(3, 1, c.statusOf(3));
    c.tick(1);
    assertEquals(0, c.replica(1).suspectedView(), "f+1 others stuck as it is: it votes");
    assertEquals(0, c.replica(1).view(), "one vote of the 2f+1 it takes to leave");
    assertTrue(sent(c.effectsOf(1), StatusReport.class).stream()
        .anyMatch(s -> s.suspects() && s.view() == 0), "the vote is in its STATUS");
    c.tick(100);
    assertEquals(0, c.replica(1).view(), "it never leaves on its timer alone");
    c.votesToLeave(1, 2);
    assertEquals(0, c.replica(1).view(), "two votes");
    c.votesToLeave(1, 3);
    assertEquals(1, c.replica(1).view(), "three: 2f+1");
    assertTrue(actions(c.effectsOf(1)).contains(SpecAction.StartViewChange));
  }

  @Test
  void fPlus1VotesMakeAReplicaVoteAndFVotesDoNot() {
    c.votesToLeave(3, 0); // the faulty primary alone
    assertEquals(-1, c.replica(3).suspectedView(), "f votes could all be faulty");
    c.tick(100);
    assertEquals(0, c.replica(3).view());
    List<Effect> out = c.inject(1, 3, new StatusReport(0, true, 0, 0, true, 1));
    assertEquals(0, c.replica(3).suspectedView(), "f+1 votes: one is correct, and stands");
    assertTrue(sent(out, StatusReport.class).stream().anyMatch(StatusReport::suspects),
        "its own vote, at once");
    assertEquals(1, c.replica(3).view(), "with its own, 2f+1: it leaves with them");
  }

  @Test
  void waitingForANewViewItLeavesOnlyOnceItsWaitStarted() {
    c.votesToLeave(3, 1, 2);
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(3).status());
    c.inject(1, 3, new StatusReport(1, false, 0, 0, true, 1));
    c.inject(2, 3, new StatusReport(1, false, 0, 0, true, 2));
    assertEquals(1, c.replica(3).suspectedView(), "it votes with f+1 others");
    assertEquals(1, c.replica(3).view(), "one VIEW-CHANGE for view 1, its own: no NEW-VIEW wait"
        + " yet (PBFT.tla!NewViewTimerRuns), so it stays");
    c.inject(1, 3, vc(1, 1));
    c.inject(2, 3, vc(1, 2));
    assertEquals(2, c.replica(3).view(), "2f+1 VIEW-CHANGEs: its wait started, and it leaves");
  }
}
