package org.pbft.core.message;

import java.util.Arrays;

/**
 * REPLY(v, t, c, i, r): replica i's result r for client c's request with timestamp t. {@code
 * readOnly} marks a result computed by executing a read-only request at once, outside the order:
 * a read-only request and its read-write fallback share a timestamp, and a client must not count
 * a late read-only reply towards the f+1 it needs for the ordered one (a correct replica that is
 * behind answers read-only from a stale state; only 2f+1 matching read-only replies are safe).
 */
public record Reply(long view, long timestamp, long clientId, int replica, byte[] result,
    boolean readOnly) implements Message {

  public Reply {
    result = result.clone();
  }

  /** The reply to an ordered request. */
  public Reply(long view, long timestamp, long clientId, int replica, byte[] result) {
    this(view, timestamp, clientId, replica, result, false);
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
        && Arrays.equals(result, r.result);
  }

  @Override
  public int hashCode() {
    return (((Long.hashCode(view) * 31 + Long.hashCode(timestamp)) * 31 + replica) * 31
        + Arrays.hashCode(result)) * 31 + Boolean.hashCode(readOnly);
  }

  @Override
  public String toString() {
    return "Reply[v=" + view + ", t=" + timestamp + ", c=" + clientId + ", i=" + replica
        + (readOnly ? ", read-only" : "") + ", " + result.length + " bytes]";
  }
}
