package org.pbft.node;

import java.util.List;
import org.pbft.core.Effect;

/**
 * The effects of one step of the core, with the Lamport clock and tick count at that step, and
 * the core's low watermark and view after it (-1 for a peer that does not say: a Byzantine one).
 */
record Stepped(List<Effect> effects, long lamport, long tick, long lowWatermark, long view) {

  Stepped(List<Effect> effects, long lamport, long tick) {
    this(effects, lamport, tick, -1, -1);
  }

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
