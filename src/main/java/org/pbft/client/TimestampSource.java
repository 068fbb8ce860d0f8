package org.pbft.client;

/**
 * Where a {@link Client} takes the timestamp of its next request. Each value must be larger than
 * every earlier one of this client, in this process and in every earlier process with the same
 * client id: replicas ignore a request whose timestamp is below the last one they executed for
 * the client (Castro and Liskov, section 4.1), and answer one equal to it with the cached reply.
 *
 * <p>{@link #counting()} starts at 1 in every instance; it is right only where a client id lives
 * for one run of the whole cluster (the simulator, tests). A client process that may be started
 * again against running replicas needs a source that grows across its restarts: the node layer's
 * {@code org.pbft.node.ClientTimestamps} (the clock, with a floor kept on disk).
 */
@FunctionalInterface
public interface TimestampSource {

  /** The timestamp for the next request: larger than every value returned before. */
  long next();

  /** 1, 2, 3, ... */
  static TimestampSource counting() {
    long[] last = {0};
    return () -> ++last[0];
  }
}
