package org.pbft.core.message;

import java.util.Arrays;

/**
 * REPLY(v, t, c, i, r): replica i's result r for client c's request with timestamp t. {@code
 * readOnly} marks a result computed by executing a read-only request at once, outside the order:
 * a read-only request and its read-write fallback share a timestamp, and a client must not count
 * a late read-only reply towards the f+1 it needs for the ordered one (a correct replica that is
 * behind answers read-only from a stale state; only 2f+1 matching read-only replies are safe).
 *
 * <p>A {@code digestOnly} reply carries the digest of the result instead of the result (Castro
 * and Liskov, section 5.1): the request designated another replica to send it ({@link
 * Request#replier()}). It counts towards the matching replies like the result it digests; the
 * client still needs the result itself from one of them.
 */
public record Reply(long view, long timestamp, long clientId, int replica, byte[] result,
    boolean readOnly, boolean digestOnly) implements Message {

  public Reply {
    result = result.clone();
    if (digestOnly && result.length != Digest.LENGTH) {
      throw new IllegalArgumentException("a digest reply carries " + Digest.LENGTH
          + " bytes, not " + result.length);
    }
  }

  /** The reply to an ordered request, with its whole result. */
  public Reply(long view, long timestamp, long clientId, int replica, byte[] result) {
    this(view, timestamp, clientId, replica, result, false, false);
  }

  /** A reply with its whole result. */
  public Reply(long view, long timestamp, long clientId, int replica, byte[] result,
      boolean readOnly) {
    this(view, timestamp, clientId, replica, result, readOnly, false);
  }

  /** The same reply with the digest of its result in place of the result. */
  public Reply digested() {
    return digestOnly ? this : new Reply(view, timestamp, clientId, replica,
        Digest.of(result).bytes(), readOnly, true);
  }

  /** What this reply vouches for: the digest of its result, carried or computed. */
  public Digest resultDigest() {
    return digestOnly ? Digest.fromBytes(result) : Digest.of(result);
  }

  /**
   * Whether sending the digest instead would save bytes: the result is longer than a digest. A
   * replica sends a short result whole even where another replica was named to send it.
   */
  public boolean worthDigesting() {
    return result.length > Digest.LENGTH;
  }

  @Override
  public byte[] result() {
    return result.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reply r
        && view == r.view
        && timestamp == r.timestamp
        && clientId == r.clientId
        && replica == r.replica
        && readOnly == r.readOnly
        && digestOnly == r.digestOnly
        && Arrays.equals(result, r.result);
  }

  @Override
  public int hashCode() {
    return ((((Long.hashCode(view) * 31 + Long.hashCode(timestamp)) * 31 + replica) * 31
        + Arrays.hashCode(result)) * 31 + Boolean.hashCode(readOnly)) * 31
        + Boolean.hashCode(digestOnly);
  }

  @Override
  public String toString() {
    return "Reply[v=" + view + ", t=" + timestamp + ", c=" + clientId + ", i=" + replica
        + (readOnly ? ", read-only" : "")
        + (digestOnly ? ", digest " + Digest.fromBytes(result) : ", " + result.length + " bytes")
        + "]";
  }
}
