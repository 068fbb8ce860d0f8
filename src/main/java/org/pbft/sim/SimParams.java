package org.pbft.sim;

import org.pbft.core.Quorums;
import org.pbft.core.ReplicaConfig;

/**
 * The shape of a simulated run: the replica group, the clients and their workload, the network
 * during the fault phase (it heals at {@code faultTicks}: no loss and no partitions from then
 * on), and the liveness bound: after healing, every request must complete within {@code
 * livenessBound} ticks.
 *
 * @param replicaConfig the replicas' parameters (n, f, K, L, batch size, view-change timeout)
 * @param clients number of clients, each with one request outstanding at a time
 * @param opsPerClient operations each client issues
 * @param keys number of distinct keys the workload touches
 * @param maxThinkTicks ticks a client waits, at most, between a result and its next operation
 * @param clientRetransmit ticks before a client sends its request again, to all replicas
 * @param faultTicks length of the fault phase
 * @param faults network conditions during the fault phase
 * @param livenessBound ticks within which each request must complete after healing
 * @param faulty how many replicas are Byzantine when a strategy is chosen, at most f
 * @param pauses the slow-replica fault of the fault phase ({@link Pauses#NONE}: none)
 * @param convergenceBound ticks within which, once the clients are done and the network healed,
 *     every correct replica must be back in the group (see {@link
 *     org.pbft.sim.check.ConvergenceChecker}); the run goes on meanwhile
 */
public record SimParams(
    ReplicaConfig replicaConfig,
    int clients,
    int opsPerClient,
    int keys,
    int maxThinkTicks,
    long clientRetransmit,
    long faultTicks,
    NetworkConditions faults,
    long livenessBound,
    int faulty,
    Pauses pauses,
    long convergenceBound) {

  /**
   * The default convergence bound: a replica the others left behind is brought back by their
   * retransmissions (STATUS every timeout / 8 ticks, NEW-VIEW sent again once per timeout) and
   * at worst by a state transfer after the next checkpoint, well within this.
   */
  public static final long CONVERGENCE_BOUND = 1_000;

  public SimParams {
    if (clients < 1 || opsPerClient < 0 || keys < 1 || maxThinkTicks < 0
        || clientRetransmit < 1 || faultTicks < 0 || livenessBound < 1
        || convergenceBound < 0 || pauses == null) {
      throw new IllegalArgumentException("simulation parameters out of range");
    }
    int f = replicaConfig.quorums().f();
    if (faulty < 0 || faulty > f) {
      throw new IllegalArgumentException("n = " + replicaConfig.n() + " replicas tolerate "
          + "0.." + f + " Byzantine replicas, not " + faulty);
    }
  }

  /**
   * n = 4 (f = 1), K = 4, L = 8, batches of up to 4, view-change timeout 40 ticks; 3 clients of
   * 30 operations over 3 keys; a fault phase of 400 ticks with delays of 1..5 ticks, 5% loss, 2%
   * duplication and partitions of up to 60 ticks; each request done within 1,500 ticks after
   * healing; one Byzantine replica when a strategy is chosen; no slow replica ({@link
   * #withPauses()} adds one); the correct replicas back together within {@link
   * #CONVERGENCE_BOUND} ticks once the clients are done.
   */
  public static SimParams defaults() {
    return defaults(4);
  }

  /**
   * As {@link #defaults()} for {@code n} replicas: f = floor((n - 1) / 3), and f of them
   * Byzantine when a strategy is chosen.
   */
  public static SimParams defaults(int n) {
    Quorums quorums = Quorums.forReplicas(n);
    return new SimParams(new ReplicaConfig(quorums, 4, 8, 4, 40, 4),
        3, 30, 3, 10, 30, 400, new NetworkConditions(1, 5, 0.05, 0.02, 0.005, 60), 1_500,
        quorums.f(), Pauses.NONE, CONVERGENCE_BOUND);
  }

  public SimParams withOpsPerClient(int ops) {
    return new SimParams(replicaConfig, clients, ops, keys, maxThinkTicks, clientRetransmit,
        faultTicks, faults, livenessBound, faulty, pauses,
        convergenceBound);
  }

  public SimParams withFaults(long ticks, NetworkConditions conditions) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, ticks, conditions, livenessBound, faulty, pauses, convergenceBound);
  }

  public SimParams withLivenessBound(long bound) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, faultTicks, faults, bound, faulty, pauses, convergenceBound);
  }

  /** With {@code count} Byzantine replicas (0..f) when a strategy is chosen. */
  public SimParams withFaulty(int count) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, faultTicks, faults, livenessBound, count, pauses, convergenceBound);
  }

  /** With the slow-replica fault {@code p} in the fault phase. */
  public SimParams withPauses(Pauses p) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, faultTicks, faults, livenessBound, faulty, p, convergenceBound);
  }

  /** With the campaigns' slow-replica fault, {@link Pauses#forTimeout}. */
  public SimParams withPauses() {
    return withPauses(Pauses.forTimeout(replicaConfig.viewChangeTimeout()));
  }

  public SimParams withConvergenceBound(long bound) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, faultTicks, faults, livenessBound, faulty, pauses, bound);
  }
}
