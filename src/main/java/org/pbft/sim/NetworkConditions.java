package org.pbft.sim;

/**
 * How the network treats messages: a delay drawn uniformly in [minDelay, maxDelay] ticks (so
 * messages are reordered), a probability of loss and of duplication, and a probability per tick
 * of starting a partition of the replicas that lasts up to {@code maxPartitionTicks}.
 */
public record NetworkConditions(
    int minDelay,
    int maxDelay,
    double loss,
    double duplication,
    double partitionRate,
    int maxPartitionTicks) {

  public NetworkConditions {
    if (minDelay < 1 || maxDelay < minDelay) {
      throw new IllegalArgumentException("need 1 <= minDelay <= maxDelay");
    }
    if (loss < 0 || loss >= 1 || duplication < 0 || duplication >= 1 || partitionRate < 0
        || partitionRate > 1 || maxPartitionTicks < 0) {
      throw new IllegalArgumentException("probabilities in [0, 1), durations >= 0");
    }
  }

  /** The healed network: same delays and duplication, no loss, no partitions. */
  public NetworkConditions healed() {
    return new NetworkConditions(minDelay, maxDelay, 0, duplication, 0, 0);
  }
}
