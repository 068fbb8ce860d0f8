package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.config.NodeId;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.ViewChange;

/**
 * Signatures are evidence kept with what the core accepted, and collected with its log: a flood
 * of distinct signed messages the core ignores leaves nothing behind and pushes nothing out, and
 * the watermark and the view free what the log no longer needs.
 */
class EvidenceTest {
  private static final NodeId R0 = NodeId.replica(0);
  private static final NodeId R1 = NodeId.replica(1);
  private static final NodeId R2 = NodeId.replica(2);
  private static final NodeId R3 = NodeId.replica(3);
  private static final Digest D = Digest.of(new byte[] {1});
  private final TestCluster cluster = new TestCluster();

  private ViewChange viewChangeOf1(PrePrepare pp, Prepare p2, Prepare p3, long view) {
    return new ViewChange(view, 0, D, List.of(),
        List.of(new PreparedCertificate(pp, List.of(p2, p3))), 1);
  }

  @Test
  void aFloodTheCoreIgnoresKeepsNothingAndEvictsNothing() throws Exception {
    PrePrepare pp = PrePrepare.of(0, 1, List.of());
    Prepare p2 = new Prepare(0, 1, pp.digest(), 2);
    Prepare p3 = new Prepare(0, 1, pp.digest(), 3);
    cluster.send(R0, R1, pp);
    cluster.send(R2, R1, p2);
    cluster.send(R3, R1, p3);
    SecureChannel r1 = cluster.channel(R1);
    int kept = r1.knownSignatures();
    for (long seq = 2; seq < 3_002; seq++) { // replica 3 floods distinct signed PREPAREs
      r1.open(cluster.seal(R3, R1, new Prepare(0, seq, D, 3))); // the core ignores them: no keep
    }
    assertEquals(kept, r1.knownSignatures());
    long missing = r1.missingSignatures();
    cluster.channel(R2).open(r1.seal(R2, 1, cluster.nextCounter(), 1,
        viewChangeOf1(pp, p2, p3, 1)));
    assertEquals(missing, r1.missingSignatures(), "the certificate is still provable");
  }

  @Test
  void openedButNotKeptSignaturesCannotBeForwarded() throws Exception {
    PrePrepare pp = PrePrepare.of(0, 1, List.of());
    SecureChannel r1 = cluster.channel(R1);
    r1.open(cluster.seal(R0, R1, pp)); // ignored by the core: not kept
    long missing = r1.missingSignatures();
    r1.seal(R2, 1, cluster.nextCounter(), 1, viewChangeOf1(pp, new Prepare(0, 1, pp.digest(), 2),
        new Prepare(0, 1, pp.digest(), 3), 1));
    assertEquals(missing + 3, r1.missingSignatures(), "pre-prepare and both prepares");
  }

  @Test
  void theLowWatermarkAndTheViewCollectWhatTheLogNoLongerNeeds() throws Exception {
    PrePrepare pp = PrePrepare.of(0, 1, List.of());
    Prepare p2 = new Prepare(0, 1, pp.digest(), 2);
    Checkpoint c8 = new Checkpoint(8, D, 2);
    cluster.send(R0, R1, pp);
    cluster.send(R2, R1, p2);
    cluster.send(R2, R1, c8);
    ViewChange vc = new ViewChange(1, 0, D, List.of(),
        List.of(new PreparedCertificate(pp, List.of(p2, new Prepare(0, 1, pp.digest(), 3)))), 3);
    cluster.teach(R3, pp);
    cluster.teach(R3, p2);
    cluster.send(R3, R1, vc);
    SecureChannel r1 = cluster.channel(R1);
    int all = r1.knownSignatures();
    r1.collectGarbage(0, 0);
    assertEquals(all, r1.knownSignatures(), "nothing is garbage at h = 0 in view 0");
    r1.collectGarbage(8, 0);
    // the log at 1 is garbage, but the VIEW-CHANGE for view 1 (and what it carries) is not;
    // the CHECKPOINT at 8 proves the stable checkpoint
    assertEquals(all, r1.knownSignatures());
    r1.collectGarbage(8, 2);
    assertEquals(1, r1.knownSignatures(), "only the stable checkpoint's CHECKPOINT is left");
    r1.collectGarbage(16, 2);
    assertEquals(0, r1.knownSignatures());
    assertTrue(all >= 5, "pre-prepare, 2 prepares, checkpoint, view change: " + all);
  }

  /**
   * A replica that waits for a NEW-VIEW sends its VIEW-CHANGE again (status exchange). If it
   * catches up by state transfer meanwhile, its watermark passes the checkpoint the VIEW-CHANGE
   * proves: the signatures it shows must stay until the view passes, or it sends zeros that
   * every replica refuses, and nobody learns it waits.
   */
  @Test
  void whatAnOwnViewChangeShowsStaysWhileItsViewLastsThoughTheWatermarkPassesIt()
      throws Exception {
    Checkpoint c8 = new Checkpoint(8, D, 2);
    Checkpoint c8by3 = new Checkpoint(8, D, 3);
    cluster.send(R2, R1, c8);
    cluster.send(R3, R1, c8by3);
    SecureChannel r1 = cluster.channel(R1);
    ViewChange own = new ViewChange(1, 8, D, List.of(new Checkpoint(8, D, 1), c8, c8by3),
        List.of(), 1);
    long missing = r1.missingSignatures();
    cluster.channel(R2).open(r1.seal(R2, 1, cluster.nextCounter(), 1, own));
    r1.collectGarbage(16, 1); // state transfer to 16, still waiting in view 1
    cluster.channel(R2).open(r1.seal(R2, 1, cluster.nextCounter(), 1, own));
    assertEquals(missing, r1.missingSignatures(), "the VIEW-CHANGE sent again is provable");
    r1.collectGarbage(16, 2);
    assertEquals(0, r1.knownSignatures(), "collected once the view passed");
  }
}
