package org.pbft.core.message;

import java.util.List;

/**
 * PRE-PREPARE(v, n, d) with the batch of requests whose digest is d. Sent by the primary of view
 * v (the transport authenticates it); an empty batch is the null request.
 */
public record PrePrepare(long view, long seq, Digest digest, List<Request> requests)
    implements Message {

  public PrePrepare {
    requests = List.copyOf(requests);
  }

  /** A pre-prepare whose digest is computed from its batch. */
  public static PrePrepare of(long view, long seq, List<Request> requests) {
    return new PrePrepare(view, seq, Batch.digest(requests), requests);
  }

  /** True when d is the digest of the batch carried: a replica checks this before accepting. */
  public boolean digestMatches() {
    return digest.equals(Batch.digest(requests));
  }
}
