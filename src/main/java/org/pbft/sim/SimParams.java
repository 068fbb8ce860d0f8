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
    int faulty) {

  public SimParams {
    if (clients < 1 || opsPerClient < 0 || keys < 1 || maxThinkTicks < 0
        || clientRetransmit < 1 || faultTicks < 0 || livenessBound < 1) {
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
   * healing; one Byzantine replica when a strategy is chosen.
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
        quorums.f());
  }

  public SimParams withOpsPerClient(int ops) {
    return new SimParams(replicaConfig, clients, ops, keys, maxThinkTicks, clientRetransmit,
        faultTicks, faults, livenessBound, faulty);
  }

  public SimParams withFaults(long ticks, NetworkConditions conditions) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, ticks, conditions, livenessBound, faulty);
  }

  public SimParams withLivenessBound(long bound) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, faultTicks, faults, bound, faulty);
  }

  /** With {@code count} Byzantine replicas (0..f) when a strategy is chosen. */
  public SimParams withFaulty(int count) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, faultTicks, faults, livenessBound, count);
  }
}
