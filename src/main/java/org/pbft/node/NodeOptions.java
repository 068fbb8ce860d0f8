package org.pbft.node;

/**
 * How a process runs its core: {@code tickMillis} of wall time per logical tick (timeouts of the
 * core are in ticks), and the bound in bytes on frames queued for one peer connection, outgoing
 * and (at a replica) incoming. {@code readPauseMillis}: how long a Byzantine replica waits before
 * it takes each frame off a connection, to play a slow reader against its peers; 0 (the only
 * value a correct replica runs with) reads at once.
 */
public record NodeOptions(long tickMillis, long queueBytes, long readPauseMillis) {

  public NodeOptions {
    if (tickMillis < 1 || queueBytes < 1 || readPauseMillis < 0) {
      throw new IllegalArgumentException(
          "tick and queue capacity must be positive, the read pause not negative");
    }
  }

  public NodeOptions(long tickMillis, long queueBytes) {
    this(tickMillis, queueBytes, 0);
  }

  /** 10 ms ticks (the processes' view-change timeout of 100 ticks is 1 s), 32 MiB queues. */
  public static NodeOptions defaults() {
    return new NodeOptions(10, 32L << 20);
  }
}
