package org.pbft.core;

/**
 * The parameters every replica of a group shares.
 *
 * @param quorums certificate sizes for n replicas tolerating f faults
 * @param checkpointInterval K: a checkpoint is taken after executing each n with n % K == 0
 * @param logWindow L: a replica accepts sequence numbers in (h, h + L]
 * @param maxBatch most requests the primary orders under one sequence number
 * @param viewChangeTimeout ticks a replica waits for a pending request before it starts a view
 *     change; doubled for each consecutive view change without a NEW-VIEW
 * @param maxViewsAhead how far above its view a replica stores messages for later views: a bound
 *     on what faulty replicas can make it hold
 * @param maxBatchesInFlight how many batches the primary has ordered and not yet executed before
 *     it waits: requests arriving meanwhile form the next, larger batch (the window L bounds it
 *     too)
 */
public record ReplicaConfig(
    Quorums quorums,
    long checkpointInterval,
    long logWindow,
    int maxBatch,
    long viewChangeTimeout,
    long maxViewsAhead,
    long maxBatchesInFlight) {

  public ReplicaConfig {
    if (checkpointInterval < 1 || logWindow < checkpointInterval
        || logWindow % checkpointInterval != 0) {
      throw new IllegalArgumentException("need K >= 1, L >= K and L % K == 0 (as the spec's "
          + "QuorumIntersectionAssumption): K = " + checkpointInterval + ", L = " + logWindow);
    }
    if (maxBatch < 1 || viewChangeTimeout < 1 || maxViewsAhead < 1 || maxBatchesInFlight < 1) {
      throw new IllegalArgumentException(
          "batch size, timeout, views ahead and batches in flight must be positive");
    }
  }

  /** Batches in flight bounded by the window alone. */
  public ReplicaConfig(Quorums quorums, long checkpointInterval, long logWindow, int maxBatch,
      long viewChangeTimeout, long maxViewsAhead) {
    this(quorums, checkpointInterval, logWindow, maxBatch, viewChangeTimeout, maxViewsAhead,
        logWindow);
  }

  /** n replicas with the most faults they tolerate and moderate defaults. */
  public static ReplicaConfig defaults(int n) {
    return new ReplicaConfig(Quorums.forReplicas(n), 8, 16, 8, 40, 4);
  }

  /**
   * For replica processes with 10 ms ticks: checkpoints every 8, a window of 16, batches of up
   * to 256 requests, a view-change timeout of 100 ticks (1 s: several round trips even on a
   * loaded machine, so that a slow NEW-VIEW does not push a replica on to the next view), and
   * at most 1 batch in flight, so that requests arriving under load share a batch and its
   * signatures.
   */
  public static ReplicaConfig forProcesses(int n) {
    return forProcesses(n, 1);
  }

  /** As {@link #forProcesses(int)}, with up to {@code batchesInFlight} batches in flight. */
  public static ReplicaConfig forProcesses(int n, long batchesInFlight) {
    return new ReplicaConfig(Quorums.forReplicas(n), 8, 16, 256, 100, 4, batchesInFlight);
  }

  public int n() {
    return quorums.n();
  }

  /** PBFT.tla!Primary: the primary of view v. */
  public int primary(long view) {
    return (int) (view % n());
  }
}
