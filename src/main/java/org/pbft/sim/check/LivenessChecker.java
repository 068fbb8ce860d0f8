package org.pbft.sim.check;

import java.util.List;
import java.util.Optional;
import org.pbft.sim.Operation;

/**
 * Liveness after healing: every request completes within {@code bound} ticks of the later of its
 * invocation and the tick the network healed. A request still pending at the end of the run is
 * late if its deadline passed.
 */
public final class LivenessChecker {
  private final long healTick;
  private final long bound;

  public LivenessChecker(long healTick, long bound) {
    this.healTick = healTick;
    this.bound = bound;
  }

  public long deadline(Operation op) {
    return Math.max(op.invokeTick(), healTick) + bound;
  }

  /** The first operation of {@code history} that missed its deadline by tick {@code now}. */
  public Optional<Violation> check(List<Operation> history, long now) {
    for (Operation op : history) {
      long deadline = deadline(op);
      boolean late = op.completed() ? op.completeTick() > deadline : now > deadline;
      if (late) {
        return Optional.of(new Violation("Liveness", op + " not answered by tick " + deadline
            + " (healed at " + healTick + ", bound " + bound + " ticks)"));
      }
    }
    return Optional.empty();
  }
}
