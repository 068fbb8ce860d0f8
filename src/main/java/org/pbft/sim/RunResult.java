package org.pbft.sim;

import java.util.List;
import java.util.Map;
import org.pbft.core.IgnoreReason;
import org.pbft.wire.DropReason;
import org.pbft.sim.check.Violation;

/**
 * The outcome of one seed: the strategy and the replicas that played Byzantine (none: "none",
 * no replicas),
 * what happened, the client history, every violation found (empty when the run passed), and the
 * messages correct replicas ignored, by reason (evidence of what the Byzantine replica tried), and,
 * on the real wire, the frames receivers refused before their core, by reason.
 */
public record RunResult(
    long seed,
    String strategy,
    List<Integer> byzantineReplicas,
    RunStats stats,
    List<Operation> history,
    List<Violation> violations,
    Map<IgnoreReason, Long> ignored,
    Map<DropReason, Long> refusedFrames) {

  public RunResult {
    byzantineReplicas = List.copyOf(byzantineReplicas);
    history = List.copyOf(history);
    violations = List.copyOf(violations);
    ignored = Map.copyOf(ignored);
    refusedFrames = Map.copyOf(refusedFrames);
  }

  /** The first Byzantine replica, or -1 if every replica was correct. */
  public int byzantineReplica() {
    return byzantineReplicas.isEmpty() ? -1 : byzantineReplicas.get(0);
  }

  /** How many frames receivers' channels refused for {@code reason} (on the real wire only). */
  public long refused(DropReason reason) {
    return refusedFrames.getOrDefault(reason, 0L);
  }

  /** How many messages correct replicas ignored for {@code reason}. */
  public long ignored(IgnoreReason reason) {
    return ignored.getOrDefault(reason, 0L);
  }

  public boolean passed() {
    return violations.isEmpty();
  }
}
