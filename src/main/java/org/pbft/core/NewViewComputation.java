package org.pbft.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.ViewChange;

/**
 * PBFT.tla!ComputeNewView: from the VIEW-CHANGEs V of a NEW-VIEW, the checkpoint it adopts and
 * the pre-prepares O. The new primary computes it to send NEW-VIEW; each backup computes it again
 * from V and rejects a NEW-VIEW whose O differs.
 */
final class NewViewComputation {
  private NewViewComputation() {}

  /** The checkpoint (minS with its proof) and O for every n in (minS, maxS]. */
  record Result(CertifiedCheckpoint checkpoint, List<PrePrepare> prePrepares) {
    Result {
      prePrepares = List.copyOf(prePrepares);
    }

    long maxSeq() {
      return prePrepares.isEmpty()
          ? checkpoint.seq()
          : prePrepares.get(prePrepares.size() - 1).seq();
    }
  }

  /** Highest view first; between equal views (only possible with more than f faults), the
   * smaller digest, so that every replica picks the same one. */
  private static final Comparator<PreparedCertificate> BEST =
      Comparator.comparingLong(PreparedCertificate::view).reversed()
          .thenComparing(PreparedCertificate::digest);

  static Result compute(long view, List<ViewChange> viewChanges) {
    ViewChange latest = viewChanges.stream()
        .max(Comparator.comparingLong(ViewChange::stableSeq))
        .orElseThrow(() -> new IllegalArgumentException("V must not be empty"));
    long minS = latest.stableSeq();
    TreeMap<Long, PreparedCertificate> best = new TreeMap<>();
    for (ViewChange vc : viewChanges) {
      for (PreparedCertificate c : vc.preparedCertificates()) {
        if (c.seq() > minS) {
          best.merge(c.seq(), c, (a, b) -> BEST.compare(a, b) <= 0 ? a : b);
        }
      }
    }
    long maxS = best.isEmpty() ? minS : best.lastKey();
    List<PrePrepare> o = new ArrayList<>();
    for (long n = minS + 1; n <= maxS; n++) {
      PreparedCertificate c = best.get(n);
      o.add(c == null
          ? PrePrepare.of(view, n, List.of())
          : new PrePrepare(view, n, c.digest(), c.prePrepare().requests()));
    }
    return new Result(
        new CertifiedCheckpoint(minS, latest.stateDigest(), latest.checkpointProof()), o);
  }
}
