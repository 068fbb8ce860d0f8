package org.pbft.core.message;

import java.util.List;

/**
 * The digest of a batch of requests, over a canonical encoding. The empty batch is the null
 * request that NEW-VIEW puts in gaps (PBFT.tla!Null). The read-only flag is covered: a batch that
 * holds a read-only request is not the batch of the same requests marked read-write.
 */
public final class Batch {
  private Batch() {}

  /**
   * SHA-256 of the batch's encoding: the request count (i32), then per request client id and
   * timestamp (i64 each), the operation's length (i32) and bytes, the read-only flag (a byte),
   * the designated replier (i32). Hashed as it is written: no copy of the batch is built first.
   */
  public static Digest digest(List<Request> requests) {
    Digest.Hasher hasher = Digest.hasher().i32(requests.size());
    for (Request r : requests) {
      r.hashInto(hasher);
    }
    return hasher.finish();
  }

  /** The digest of the null request. */
  public static Digest nullDigest() {
    return digest(List.of());
  }
}
