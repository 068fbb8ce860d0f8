package org.pbft.core.message;

import java.util.Arrays;

/** REPLY(v, t, c, i, r): replica i's result r for client c's request with timestamp t. */
public record Reply(long view, long timestamp, long clientId, int replica, byte[] result)
    implements Message {

  public Reply {
    result = result.clone();
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
        && Arrays.equals(result, r.result);
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(view) * 31 + Long.hashCode(timestamp)) * 31 + replica) * 31
        + Arrays.hashCode(result);
  }

  @Override
  public String toString() {
    return "Reply[v=" + view + ", t=" + timestamp + ", c=" + clientId + ", i=" + replica
        + ", " + result.length + " bytes]";
  }
}
