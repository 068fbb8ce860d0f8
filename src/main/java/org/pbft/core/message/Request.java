package org.pbft.core.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * REQUEST(o, t, c): client {@code clientId} asks for {@code operation}; {@code timestamp} orders
 * the client's requests and makes execution exactly-once.
 */
public record Request(long clientId, long timestamp, byte[] operation) implements Message {

  public Request {
    operation = operation.clone();
  }

  @Override
  public byte[] operation() {
    return operation.clone();
  }

  /** Identifies the request independently of its bytes: one client, one timestamp. */
  public RequestKey key() {
    return new RequestKey(clientId, timestamp);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Request r
        && clientId == r.clientId
        && timestamp == r.timestamp
        && Arrays.equals(operation, r.operation);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(clientId) * 31 + Long.hashCode(timestamp)) * 31
        + Arrays.hashCode(operation);
  }

  @Override
  public String toString() {
    return "Request[c=" + clientId + ", t=" + timestamp + ", op="
        + HexFormat.of().formatHex(operation, 0, Math.min(8, operation.length)) + "]";
  }
}
