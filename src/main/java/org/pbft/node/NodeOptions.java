package org.pbft.node;

/**
 * How a process runs its core: {@code tickMillis} of wall time per logical tick (timeouts of the
 * core are in ticks), and the bound in bytes on frames queued for one peer connection, outgoing
 * and (at a replica) incoming.
 */
public record NodeOptions(long tickMillis, long queueBytes) {

  public NodeOptions {
    if (tickMillis < 1 || queueBytes < 1) {
      throw new IllegalArgumentException("tick and queue capacity must be positive");
    }
  }

  /** 10 ms ticks (the processes' view-change timeout of 100 ticks is 1 s), 32 MiB queues. */
  public static NodeOptions defaults() {
    return new NodeOptions(10, 32L << 20);
  }
}
