package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.Message;

/**
 * Replays of old messages: besides acting correctly, sends again messages it received or sent
 * earlier (old views, old sequence numbers, other replicas' messages under its own name, old
 * client requests), to one replica or to all.
 */
final class Replay implements Strategy {
  private static final double RATE = 0.3;

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    List<Effect> out = new ArrayList<>(a.actCorrectly(input));
    if (a.random().nextDouble() < RATE) {
      Message old = a.oldMessage();
      if (old != null) {
        out.add(a.random().nextBoolean()
            ? new Effect.Broadcast(old)
            : new Effect.Send(a.randomOther(), old));
      }
    }
    return out;
  }
}
