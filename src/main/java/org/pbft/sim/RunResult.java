package org.pbft.sim;

import java.util.List;
import org.pbft.sim.check.Violation;

/**
 * The outcome of one seed: the strategy and replica that played Byzantine (none: "none", -1),
 * what happened, the client history, and every violation found (empty when the run passed).
 */
public record RunResult(
    long seed,
    String strategy,
    int byzantineReplica,
    RunStats stats,
    List<Operation> history,
    List<Violation> violations) {

  public RunResult {
    history = List.copyOf(history);
    violations = List.copyOf(violations);
  }

  public boolean passed() {
    return violations.isEmpty();
  }
}
