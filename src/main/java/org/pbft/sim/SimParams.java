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
    long livenessBound) {

  public SimParams {
    if (clients < 1 || opsPerClient < 0 || keys < 1 || maxThinkTicks < 0
        || clientRetransmit < 1 || faultTicks < 0 || livenessBound < 1) {
      throw new IllegalArgumentException("simulation parameters out of range");
    }
  }

  /**
   * n = 4 (f = 1), K = 4, L = 8, batches of up to 4, view-change timeout 40 ticks; 3 clients of
   * 30 operations over 3 keys; a fault phase of 400 ticks with delays of 1..5 ticks, 5% loss, 2%
   * duplication and partitions of up to 60 ticks; each request done within 1,500 ticks after
   * healing.
   */
  public static SimParams defaults() {
    return new SimParams(new ReplicaConfig(Quorums.forReplicas(4), 4, 8, 4, 40, 4),
        3, 30, 3, 10, 30, 400, new NetworkConditions(1, 5, 0.05, 0.02, 0.005, 60), 1_500);
  }

  public SimParams withOpsPerClient(int ops) {
    return new SimParams(replicaConfig, clients, ops, keys, maxThinkTicks, clientRetransmit,
        faultTicks, faults, livenessBound);
  }

  public SimParams withFaults(long ticks, NetworkConditions conditions) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, ticks, conditions, livenessBound);
  }

  public SimParams withLivenessBound(long bound) {
    return new SimParams(replicaConfig, clients, opsPerClient, keys, maxThinkTicks,
        clientRetransmit, faultTicks, faults, bound);
  }
}
