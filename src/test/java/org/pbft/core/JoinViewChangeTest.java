package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.IgnoreReason.*;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.ViewChange;

/** PBFT.tla!JoinViewChange (VIEW-CHANGEs received by onViewChange), at replica 2. */
class JoinViewChangeTest {
  private final Cluster c = Cluster.withByzantine(0);

  @Test
  void fPlus1ViewChangesForHigherViewsMakeAReplicaJoin() {
    assertTrue(ignored(c.inject(1, 2, vc(1, 1))).isEmpty());
    assertEquals(0, c.replica(2).view(), "f VIEW-CHANGEs could all be from faulty replicas");
    List<Effect> out = c.inject(3, 2, vc(1, 3));
    assertEquals(1, c.replica(2).view());
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(2).status());
    assertEquals(List.of(SpecAction.JoinViewChange), actions(out));
    assertEquals(1, sent(out, ViewChange.class).size());
  }

  @Test
  void replicaJoinsTheSmallestViewAskedFor() {
    c.inject(1, 2, vc(3, 1));
    c.inject(0, 2, vc(2, 0));
    assertEquals(2, c.replica(2).view());
  }

  @Test
  void viewChangeWithAnUnprovenPreparedCertificateIsRejected() {
    PrePrepare pp = pp(0, 1, req(1, 1));
    assertEquals(List.of(INVALID_CERTIFICATE), ignored(c.inject(1, 2, vc(1, 1, cert(pp, 1)))),
        "one PREPARE is not 2f");
    assertEquals(List.of(INVALID_CERTIFICATE),
        ignored(c.inject(1, 2, vc(1, 1, cert(pp, 0, 1)))), "the primary's PREPARE does not count");
    assertEquals(List.of(INVALID_CERTIFICATE),
        ignored(c.inject(1, 2, vc(1, 1, cert(pp(1, 1, req(1, 1)), 2, 3)))),
        "a certificate must come from an earlier view");
  }

  @Test
  void viewChangeWithAnUnprovenCheckpointIsRejected() {
    Digest d = Digest.of(new byte[] {1});
    ViewChange noProof = new ViewChange(1, 2, d, List.of(), List.of(), 1);
    ViewChange weakProof = new ViewChange(1, 2, d,
        List.of(new Checkpoint(2, d, 1), new Checkpoint(2, d, 3)), List.of(), 1);
    ViewChange otherGenesis = new ViewChange(1, 0, d, List.of(), List.of(), 1);
    for (ViewChange vc : List.of(noProof, weakProof, otherGenesis)) {
      assertEquals(List.of(INVALID_CERTIFICATE), ignored(c.inject(1, 2, vc)));
    }
    ViewChange proven = new ViewChange(1, 2, d, List.of(new Checkpoint(2, d, 0),
        new Checkpoint(2, d, 1), new Checkpoint(2, d, 3)), List.of(), 1);
    assertTrue(ignored(c.inject(1, 2, proven)).isEmpty());
  }

  @Test
  void viewChangeGuards() {
    assertEquals(List.of(WRONG_SENDER), ignored(c.inject(1, 2, vc(1, 3))));
    assertEquals(List.of(WRONG_VIEW), ignored(c.inject(1, 2, vc(0, 1))));
    assertEquals(List.of(WRONG_VIEW), ignored(c.inject(1, 2, vc(9, 1))), "beyond maxViewsAhead");
    c.inject(1, 2, vc(1, 1));
    assertEquals(List.of(DUPLICATE), ignored(c.inject(1, 2, vc(1, 1))));
  }
}
