package org.pbft.node;

/**
 * How a process runs its core: {@code tickMillis} of wall time per logical tick (timeouts of the
 * core are in ticks), and the bound on frames queued per peer connection.
 */
public record NodeOptions(long tickMillis, int queueCapacity) {

  public NodeOptions {
    if (tickMillis < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("tick and queue capacity must be positive");
    }
  }

  /** 10 ms ticks: the default view-change timeout of 40 ticks is 0.4 s. */
  public static NodeOptions defaults() {
    return new NodeOptions(10, 50_000);
  }
}
