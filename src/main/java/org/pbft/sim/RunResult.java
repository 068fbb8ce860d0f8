package org.pbft.sim;

import java.util.List;
import java.util.Map;
import org.pbft.core.IgnoreReason;
import org.pbft.wire.DropReason;
import org.pbft.sim.check.Violation;

/**
 * The outcome of one seed: the strategy and replica that played Byzantine (none: "none", -1),
 * what happened, the client history, every violation found (empty when the run passed), and the
 * messages correct replicas ignored, by reason (evidence of what the Byzantine replica tried), and,
 * on the real wire, the frames receivers refused before their core, by reason.
 */
public record RunResult(
    long seed,
    String strategy,
    int byzantineReplica,
    RunStats stats,
    List<Operation> history,
    List<Violation> violations,
    Map<IgnoreReason, Long> ignored,
    Map<DropReason, Long> refusedFrames) {

  public RunResult {
    history = List.copyOf(history);
    violations = List.copyOf(violations);
    ignored = Map.copyOf(ignored);
    refusedFrames = Map.copyOf(refusedFrames);
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
