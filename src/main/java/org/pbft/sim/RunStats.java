package org.pbft.sim;

/**
 * What a run did. {@code viewChanges}: views above 0 some correct replica entered (by sending or
 * accepting NEW-VIEW); {@code checkpoints}: distinct stable checkpoints of correct replicas;
 * {@code stateTransfers}: StateTransfer actions of correct replicas; {@code readOnly}: requests
 * completed read-only (2f+1 matching replies, no ordering); {@code readOnlyFallbacks}: read-only
 * requests that timed out and were ordered instead.
 */
public record RunStats(
    long requests,
    long viewChanges,
    long checkpoints,
    long stateTransfers,
    long ticks,
    long messages,
    long lost,
    long partitions,
    long retransmissions,
    long readOnly,
    long readOnlyFallbacks) {

  public static final RunStats ZERO = new RunStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public RunStats plus(RunStats o) {
    return new RunStats(requests + o.requests, viewChanges + o.viewChanges,
        checkpoints + o.checkpoints, stateTransfers + o.stateTransfers, ticks + o.ticks,
        messages + o.messages, lost + o.lost, partitions + o.partitions,
        retransmissions + o.retransmissions, readOnly + o.readOnly,
        readOnlyFallbacks + o.readOnlyFallbacks);
  }
}
