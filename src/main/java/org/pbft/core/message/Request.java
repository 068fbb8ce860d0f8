package org.pbft.core.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * REQUEST(o, t, c): client {@code clientId} asks for {@code operation}; {@code timestamp} orders
 * the client's requests and makes execution exactly-once. A {@code readOnly} request (Castro and
 * Liskov, section 5.1) asks every replica to execute the operation at once against its current
 * state, without ordering it; replicas never put one in a batch.
 */
public record Request(long clientId, long timestamp, byte[] operation, boolean readOnly)
    implements Message {

  public Request {
    operation = operation.clone();
  }

  /** An ordinary (read-write) request, ordered by the protocol. */
  public Request(long clientId, long timestamp, byte[] operation) {
    this(clientId, timestamp, operation, false);
  }

  @Override
  public byte[] operation() {
    return operation.clone();
  }

  /** Feeds this request's part of a batch's encoding to {@code hasher} ({@link Batch#digest}). */
  void hashInto(Digest.Hasher hasher) {
    hasher.i64(clientId).i64(timestamp).i32(operation.length).bytes(operation).flag(readOnly);
  }

  /**
   * Identifies the request independently of its bytes: one client, one timestamp. A read-only
   * request and its read-write fallback share the key: they are one operation of the client.
   */
  public RequestKey key() {
    return new RequestKey(clientId, timestamp);
  }

  /** The same operation and timestamp as an ordinary request: the read-only fallback. */
  public Request asReadWrite() {
    return new Request(clientId, timestamp, operation, false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Request r
        && clientId == r.clientId
        && timestamp == r.timestamp
        && readOnly == r.readOnly
        && Arrays.equals(operation, r.operation);
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(clientId) * 31 + Long.hashCode(timestamp)) * 31
        + Arrays.hashCode(operation)) * 31 + Boolean.hashCode(readOnly);
  }

  @Override
  public String toString() {
    return "Request[c=" + clientId + ", t=" + timestamp + (readOnly ? ", read-only" : "")
        + ", op=" + HexFormat.of().formatHex(operation, 0, Math.min(8, operation.length)) + "]";
  }
}
