package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Message;
import org.pbft.core.message.Prepare;

/**
 * A flooding primary: the primary of view 0 orders nothing (so the others must vote it out) and
 * on every tick multicasts a burst of distinct messages, each with its own signature: PREPAREs
 * and COMMITs with fresh digests for every sequence number of the window in its view and the views
 * just ahead, and CHECKPOINTs far above the window. What a correct replica keeps of them is
 * bounded by the protocol (one vote per sender and slot, one CHECKPOINT per sender above the
 * window), and a signature is kept as evidence only with what the core kept: the attack must
 * neither grow the correct replicas' memory nor push out the evidence their view change needs.
 */
final class Flood implements Strategy {
  /** Messages per tick. */
  static final int BURST = 12;

  @Override
  public String name() {
    return "flood";
  }

  @Override
  public int replica(int n, SplittableRandom random) {
    return 0;
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    a.actCorrectly(input); // follows the views, says nothing of its own
    if (!(input instanceof Input.Tick)) {
      return List.of();
    }
    List<Effect> out = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      out.add(new Effect.Broadcast(someMessage(a)));
    }
    return out;
  }

  private static Message someMessage(Adversary a) {
    ReplicaConfig config = a.config();
    SplittableRandom random = a.random();
    long view = a.view() + random.nextLong(config.maxViewsAhead() + 1);
    long seq = a.lowWatermark() + 1 + random.nextLong(config.logWindow());
    return switch (random.nextInt(3)) {
      case 0 -> new Prepare(view, seq, a.garbageDigest(), a.id());
      case 1 -> new Commit(view, seq, a.garbageDigest(), a.id());
      default -> new Checkpoint(config.checkpointInterval()
          * (a.lowWatermark() / config.checkpointInterval() + 2 + random.nextLong(1_000_000)),
          a.garbageDigest(), a.id());
    };
  }
}
