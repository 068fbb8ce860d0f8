package org.pbft.core.message;

import java.util.List;

/**
 * VIEW-CHANGE(v+1, n, C, P, i): replica i moves to view {@code newView}; its stable checkpoint is
 * {@code stableSeq} with state {@code stateDigest}, proven by C ({@code checkpointProof}, 2f+1
 * CHECKPOINTs, empty for the initial state at 0); P holds, for each sequence number above it at
 * which i prepared, the certificate of the highest view.
 */
public record ViewChange(
    long newView,
    long stableSeq,
    Digest stateDigest,
    List<Checkpoint> checkpointProof,
    List<PreparedCertificate> preparedCertificates,
    int replica)
    implements Message {

  public ViewChange {
    checkpointProof = List.copyOf(checkpointProof);
    preparedCertificates = List.copyOf(preparedCertificates);
  }
}
