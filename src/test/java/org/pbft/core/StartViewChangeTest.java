package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.ViewChange;

/** PBFT.tla!StartViewChange: the view-change timer (10 ticks) of backup 1; primary 0 is silent. */
class StartViewChangeTest {
  private final Cluster c = Cluster.withByzantine(0);

  @Test
  void backupWaitingForARequestMovesToTheNextViewWhenItsTimerExpires() {
    c.submit(1, req(1, 1));
    c.tick(9);
    assertEquals(0, c.replica(1).view());
    c.tick(1);
    assertEquals(1, c.replica(1).view());
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(1).status());
    ViewChange vc = sent(c.effectsOf(1), ViewChange.class).get(0);
    assertEquals(List.of(1L, 0L, 1L), List.of(vc.newView(), vc.stableSeq(), (long) vc.replica()));
    assertEquals(initialState(), vc.stateDigest());
    assertTrue(actions(c.effectsOf(1)).contains(SpecAction.StartViewChange));
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
    c.tick(10);
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
    c.tick(10);
    assertTrue(sent(c.effectsOf(1), ViewChange.class).get(0).preparedCertificates().isEmpty());
  }

  @Test
  void eachConsecutiveViewChangeWaitsTwiceAsLongForItsNewView() {
    c.submit(1, req(1, 1));
    c.tick(10);
    assertEquals(1, c.replica(1).view());
    c.tick(10); // waiting for NEW-VIEW of view 1: T
    assertEquals(2, c.replica(1).view());
    c.tick(19); // waiting for NEW-VIEW of view 2: 2T
    assertEquals(2, c.replica(1).view());
    c.tick(1);
    assertEquals(3, c.replica(1).view());
  }
}
