package org.pbft.wire;

/**
 * Bounds on everything a frame may make a receiver hold. Every length and count read from the
 * wire is checked against these (and against the bytes actually left) before anything is
 * allocated, so a peer cannot make a replica run out of memory with a few bytes.
 *
 * @param maxFrameBytes a whole frame
 * @param maxOperationBytes a request's operation
 * @param maxResultBytes a reply's result
 * @param maxBatchRequests requests in one PRE-PREPARE
 * @param maxCertificates prepared certificates in one VIEW-CHANGE, and pre-prepares in the O of
 *     one NEW-VIEW (about the log window L); counts bounded by n (checkpoints in C, prepares in a
 *     certificate, view changes in V) are checked against n instead
 * @param maxStateBytes the state in a STATE-SNAPSHOT
 * @param authenticatorCacheEntries client request authenticators remembered for PRE-PREPAREs
 */
public record Limits(
    int maxFrameBytes,
    int maxOperationBytes,
    int maxResultBytes,
    int maxBatchRequests,
    int maxCertificates,
    int maxStateBytes,
    int authenticatorCacheEntries) {

  public Limits {
    if (maxFrameBytes < 1 || maxOperationBytes < 0 || maxResultBytes < 0
        || maxBatchRequests < 0 || maxCertificates < 0 || maxStateBytes < 0
        || authenticatorCacheEntries < 1) {
      throw new IllegalArgumentException("limits must be positive: " + this);
    }
  }

  /** 16 MiB frames, 64 KiB operations and results, 1024 requests a batch, 8 MiB state. */
  public static Limits defaults() {
    return new Limits(16 << 20, 64 << 10, 64 << 10, 1024, 1024, 8 << 20, 100_000);
  }
}
