package org.pbft.core.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * REQUEST(o, t, c): client {@code clientId} asks for {@code operation}; {@code timestamp} orders
 * the client's requests and makes execution exactly-once. A {@code readOnly} request (Castro and
 * Liskov, section 5.1) asks every replica to execute the operation at once against its current
 * state, without ordering it; replicas never put one in a batch.
 *
 * <p>{@code replier} is the replica the client designates to send the result (Castro and Liskov,
 * section 5.1, digest replies): every other replica replies with the result's digest only (when
 * the result is longer than its digest), and each replica sends the whole result when the request
 * reaches it again after it executed it (the client retransmits because no result matched).
 * {@link #ALL_REPLY} asks every replica for the whole result.
 */
public record Request(long clientId, long timestamp, byte[] operation, boolean readOnly,
    int replier) implements Message {

  /** No designated replier: every replica replies with the whole result. */
  public static final int ALL_REPLY = -1;

  public Request {
    operation = operation.clone();
    if (replier < ALL_REPLY) {
      throw new IllegalArgumentException("replier must be a replica or ALL_REPLY: " + replier);
    }
  }

  /** An ordinary (read-write) request, ordered by the protocol, answered in full by all. */
  public Request(long clientId, long timestamp, byte[] operation) {
    this(clientId, timestamp, operation, false, ALL_REPLY);
  }

  /** A request answered in full by every replica. */
  public Request(long clientId, long timestamp, byte[] operation, boolean readOnly) {
    this(clientId, timestamp, operation, readOnly, ALL_REPLY);
  }

  /** Whether replica {@code replica} sends this request's whole result when it executes it. */
  public boolean repliesInFull(int replica) {
    return replier == ALL_REPLY || replier == replica;
  }

  @Override
  public byte[] operation() {
    return operation.clone();
  }

  /** Feeds this request's part of a batch's encoding to {@code hasher} ({@link Batch#digest}). */
  void hashInto(Digest.Hasher hasher) {
    hasher.i64(clientId).i64(timestamp).i32(operation.length).bytes(operation).flag(readOnly)
        .i32(replier);
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
    return new Request(clientId, timestamp, operation, false, replier);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Request r
        && clientId == r.clientId
        && timestamp == r.timestamp
        && readOnly == r.readOnly
        && replier == r.replier
        && Arrays.equals(operation, r.operation);
  }

  @Override
  public int hashCode() {
    return (((Long.hashCode(clientId) * 31 + Long.hashCode(timestamp)) * 31
        + Arrays.hashCode(operation)) * 31 + Boolean.hashCode(readOnly)) * 31 + replier;
  }

  @Override
  public String toString() {
    return "Request[c=" + clientId + ", t=" + timestamp + (readOnly ? ", read-only" : "")
        + (replier == ALL_REPLY ? "" : ", replier " + replier)
        + ", op=" + HexFormat.of().formatHex(operation, 0, Math.min(8, operation.length)) + "]";
  }
}
