package org.pbft.sim;

/**
 * What a run did. {@code viewChanges}: views above 0 some correct replica entered (by sending or
 * accepting NEW-VIEW); {@code checkpoints}: distinct stable checkpoints of correct replicas;
 * {@code stateTransfers}: StateTransfer actions of correct replicas; {@code readOnly}: requests
 * completed read-only (2f+1 matching replies, no ordering); {@code readOnlyFallbacks}: read-only
 * requests that timed out and were ordered instead; {@code pauses} and {@code pausedTicks}: the
 * slow-replica fault's pauses and the ticks they lasted; {@code catchUpTicks}: ticks the run went
 * on after the clients were done (and the network healed) until the correct replicas converged.
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
    long readOnlyFallbacks,
    long pauses,
    long pausedTicks,
    long catchUpTicks) {

  public static final RunStats ZERO = new RunStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public RunStats plus(RunStats o) {
    return new RunStats(requests + o.requests, viewChanges + o.viewChanges,
        checkpoints + o.checkpoints, stateTransfers + o.stateTransfers, ticks + o.ticks,
        messages + o.messages, lost + o.lost, partitions + o.partitions,
        retransmissions + o.retransmissions, readOnly + o.readOnly,
        readOnlyFallbacks + o.readOnlyFallbacks, pauses + o.pauses, pausedTicks + o.pausedTicks,
        catchUpTicks + o.catchUpTicks);
  }
}
