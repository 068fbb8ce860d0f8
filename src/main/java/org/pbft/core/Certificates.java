package org.pbft.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.ViewChange;

/**
 * Checks of the proofs a VIEW-CHANGE carries, so that a faulty replica can claim only what it
 * could prove (PBFT.tla!ByzViewChanges: a provable stable checkpoint, valid certificates).
 */
final class Certificates {
  private Certificates() {}

  /** C proves (stableSeq, stateDigest), and every certificate in P is valid above it. */
  static boolean validViewChange(ViewChange vc, ReplicaConfig config, Digest initialState) {
    if (!validCheckpointProof(vc.stableSeq(), vc.stateDigest(), vc.checkpointProof(), config,
        initialState)) {
      return false;
    }
    Set<Long> seqs = new HashSet<>();
    for (PreparedCertificate c : vc.preparedCertificates()) {
      if (!seqs.add(c.seq()) || !validPrepared(c, vc.newView(), vc.stableSeq(), config)) {
        return false;
      }
    }
    return true;
  }

  /** PBFT.tla!StableProof: 2f+1 distinct replicas' matching CHECKPOINTs, or the initial state. */
  static boolean validCheckpointProof(long seq, Digest digest, List<Checkpoint> proof,
      ReplicaConfig config, Digest initialState) {
    if (seq == 0) {
      return proof.isEmpty() && digest.equals(initialState);
    }
    if (seq < 0 || seq % config.checkpointInterval() != 0) {
      return false;
    }
    Set<Integer> senders = new HashSet<>();
    for (Checkpoint c : proof) {
      if (c.seq() != seq || !c.stateDigest().equals(digest) || !validReplica(c.replica(), config)
          || !senders.add(c.replica())) {
        return false;
      }
    }
    return senders.size() >= config.quorums().stableCheckpoint();
  }

  /**
   * PBFT.tla!ValidCert: a PRE-PREPARE of a view before {@code newView} whose digest matches its
   * batch, in the window above {@code stableSeq}, with 2f matching PREPAREs from distinct backups.
   */
  static boolean validPrepared(PreparedCertificate c, long newView, long stableSeq,
      ReplicaConfig config) {
    PrePrepare pp = c.prePrepare();
    if (pp.view() < 0 || pp.view() >= newView || pp.seq() <= stableSeq
        || pp.seq() > stableSeq + config.logWindow() || !pp.digestMatches()) {
      return false;
    }
    int primary = config.primary(pp.view());
    Set<Integer> senders = new HashSet<>();
    for (Prepare p : c.prepares()) {
      if (p.view() != pp.view() || p.seq() != pp.seq() || !p.digest().equals(pp.digest())
          || p.replica() == primary || !validReplica(p.replica(), config)
          || !senders.add(p.replica())) {
        return false;
      }
    }
    return senders.size() >= config.quorums().preparesFromBackups();
  }

  private static boolean validReplica(int replica, ReplicaConfig config) {
    return replica >= 0 && replica < config.n();
  }
}
