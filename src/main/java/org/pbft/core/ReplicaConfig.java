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

  /** K of a replica process unless told otherwise ({@code pbft replica --checkpoint-interval}). */
  public static final long PROCESS_CHECKPOINT_INTERVAL = 32;

  /**
   * K of the demo and of the tests that run replicas in this JVM: their runs are short and must
   * show checkpoints, garbage collection and snapshots.
   */
  public static final long SHORT_RUN_CHECKPOINT_INTERVAL = 8;

  /**
   * For replica processes with 10 ms ticks: checkpoints every {@code checkpointInterval}, a
   * window of twice that, batches of up to 256 requests, a view-change timeout of 100 ticks (1 s:
   * several round trips even on a loaded machine, so that a slow NEW-VIEW does not push a replica
   * on to the next view), and at most {@code batchesInFlight} batches in flight (1: requests
   * arriving under load share a batch and its signatures). Every checkpoint costs each replica a
   * signature, 2f + 1 verifications, a round of messages and a serialization and hash of the
   * whole service state ({@code CheckpointState}), which for a large state is most of a
   * recovery's replay: every 32 sequence numbers rather than 8 (the paper: 128).
   */
  public static ReplicaConfig forProcesses(int n, long batchesInFlight, long checkpointInterval) {
    return new ReplicaConfig(Quorums.forReplicas(n), checkpointInterval, 2 * checkpointInterval,
        256, 100, 4, batchesInFlight);
  }

  /** As {@link #forProcesses(int, long, long)}: 1 batch in flight, checkpoints every 8. */
  public static ReplicaConfig forShortRuns(int n) {
    return forProcesses(n, 1, SHORT_RUN_CHECKPOINT_INTERVAL);
  }

  public int n() {
    return quorums.n();
  }

  /** PBFT.tla!Primary: the primary of view v. */
  public int primary(long view) {
    return (int) (view % n());
  }
}
