package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Request;

/**
 * The certificate checks at their edges, n = 4 (f = 1), K = 4, L = 8: a checkpoint proof only at
 * a multiple of K with 2f+1 matching CHECKPOINTs from real replicas; a prepared certificate only
 * of a view before the new one, inside the window (h, h + L], with 2f PREPAREs from real backups.
 */
class CertificatesTest {
  private static final ReplicaConfig CONFIG =
      new ReplicaConfig(Quorums.forReplicas(4), 4, 8, 4, 10, 4);
  private static final Digest STATE = Digest.of(new byte[] {1});

  private static List<Checkpoint> proof(long seq, int... replicas) {
    List<Checkpoint> proof = new ArrayList<>();
    for (int r : replicas) {
      proof.add(new Checkpoint(seq, STATE, r));
    }
    return proof;
  }

  @Test
  void aCheckpointProofNeedsAMultipleOfKAndMatchingCheckpoints() {
    assertTrue(Certificates.validCheckpointProof(4, STATE, proof(4, 0, 1, 2), CONFIG, STATE));
    assertFalse(Certificates.validCheckpointProof(5, STATE, proof(5, 0, 1, 2), CONFIG, STATE));
    assertFalse(Certificates.validCheckpointProof(-4, STATE, proof(-4, 0, 1, 2), CONFIG, STATE));
    List<Checkpoint> mixed = proof(4, 0, 1);
    mixed.add(new Checkpoint(8, STATE, 2));
    assertFalse(Certificates.validCheckpointProof(4, STATE, mixed, CONFIG, STATE));
    assertFalse(Certificates.validCheckpointProof(4, STATE, proof(4, 0, 1, 4), CONFIG, STATE),
        "replica 4 does not exist at n = 4");
    assertFalse(Certificates.validCheckpointProof(4, STATE, proof(4, -1, 1, 2), CONFIG, STATE));
  }

  private static PreparedCertificate cert(long view, long seq, int... backups) {
    PrePrepare pp = PrePrepare.of(view, seq, List.of(new Request(1, 1, new byte[] {7})));
    List<Prepare> prepares = new ArrayList<>();
    for (int b : backups) {
      prepares.add(new Prepare(view, seq, pp.digest(), b));
    }
    return new PreparedCertificate(pp, prepares);
  }

  @Test
  void aPreparedCertificateAtTheEdgesOfViewAndWindow() {
    assertTrue(Certificates.validPrepared(cert(0, 1, 1, 2), 1, 0, CONFIG), "view 0, seq h+1");
    assertTrue(Certificates.validPrepared(cert(0, 8, 1, 2), 1, 0, CONFIG), "seq h + L");
    assertFalse(Certificates.validPrepared(cert(0, 9, 1, 2), 1, 0, CONFIG), "above h + L");
    assertFalse(Certificates.validPrepared(cert(0, 4, 1, 2), 1, 4, CONFIG), "at h");
    assertTrue(Certificates.validPrepared(cert(0, 5, 1, 2), 1, 4, CONFIG), "just above h");
    assertFalse(Certificates.validPrepared(cert(1, 1, 2, 3), 1, 0, CONFIG), "of the new view");
    assertTrue(Certificates.validPrepared(cert(1, 1, 2, 3), 2, 0, CONFIG), "of the view before");
    assertFalse(Certificates.validPrepared(cert(0, 1, 1, 4), 1, 0, CONFIG), "no replica 4");
    assertFalse(Certificates.validPrepared(cert(0, 1, 1, -1), 1, 0, CONFIG), "no replica -1");
    assertFalse(Certificates.validPrepared(cert(0, 1, 1), 1, 0, CONFIG), "one PREPARE of 2f");
  }

  /**
   * A PRE-PREPARE's signature covers (v, n, d) only (the wire's {@code MessageType}), so a
   * faulty replica can put a genuine signed header beside another batch: the certificate is
   * refused, because d is not that batch's digest.
   */
  @Test
  void aPreparedCertificateWhoseBatchIsNotItsDigestsIsRefused() {
    PreparedCertificate genuine = cert(0, 1, 1, 2);
    PrePrepare pp = genuine.prePrepare();
    PrePrepare swapped = new PrePrepare(pp.view(), pp.seq(), pp.digest(),
        List.of(new Request(1, 2, new byte[] {8})));
    assertFalse(Certificates.validPrepared(new PreparedCertificate(swapped, genuine.prepares()),
        1, 0, CONFIG), "another batch under the same signed header");
    assertFalse(Certificates.validPrepared(new PreparedCertificate(
        new PrePrepare(pp.view(), pp.seq(), pp.digest(), List.of()), genuine.prepares()),
        1, 0, CONFIG), "the null request under the same signed header");
  }
}
