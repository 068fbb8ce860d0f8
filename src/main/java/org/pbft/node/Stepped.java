package org.pbft.node;

import java.util.List;
import org.pbft.core.Effect;

/** The effects of one step of the core, with the Lamport clock and tick count at that step. */
record Stepped(List<Effect> effects, long lamport, long tick) {

  /** True if carrying the step out would show its state to the world: a message, a reply or a
   * trace event (which a validator reads as something the replica did). */
  boolean leavesTheProcess() {
    for (Effect e : effects) {
      if (e instanceof Effect.Send || e instanceof Effect.Broadcast
          || e instanceof Effect.SendReply || e instanceof Effect.Trace) {
        return true;
      }
    }
    return false;
  }
}
