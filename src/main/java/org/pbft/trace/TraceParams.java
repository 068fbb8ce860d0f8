package org.pbft.trace;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pbft.core.ReplicaConfig;

/**
 * The constants of the spec that a trace does not carry: the replica group (n, f), the checkpoint
 * interval K, the log window L and the Byzantine replicas, whose events are not traced and whose
 * messages the spec lets be anything they could sign.
 */
public record TraceParams(int n, int f, long k, long l, Set<Integer> byz) {

  public TraceParams {
    if (n < 1 || f < 0 || k < 1 || l < k || l % k != 0) {
      throw new IllegalArgumentException("need n >= 1, f >= 0, K >= 1, L >= K and L % K == 0: n = "
          + n + ", f = " + f + ", K = " + k + ", L = " + l);
    }
    for (int q : byz) {
      if (q < 0 || q >= n) {
        throw new IllegalArgumentException("Byzantine replica " + q + " not in 0.." + (n - 1));
      }
    }
    if (byz.size() > f) {
      throw new IllegalArgumentException(byz.size() + " Byzantine replicas " + byz
          + " but f = " + f);
    }
    byz = Set.copyOf(new TreeSet<>(byz));
  }

  /** The group of {@code config}, with the given Byzantine replicas. */
  public static TraceParams of(ReplicaConfig config, Set<Integer> byz) {
    return new TraceParams(config.n(), config.quorums().f(), config.checkpointInterval(),
        config.logWindow(), byz);
  }

  /** The replicas in 0..n-1 with no event in {@code events}: they are taken as Byzantine. */
  public static Set<Integer> silentReplicas(int n, List<TraceRecord> events) {
    Set<Integer> silent = new TreeSet<>();
    for (int q = 0; q < n; q++) {
      silent.add(q);
    }
    events.forEach(e -> silent.remove(e.replica()));
    return silent;
  }
}
