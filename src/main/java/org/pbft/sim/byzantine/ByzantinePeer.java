package org.pbft.sim.byzantine;

import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.service.KeyValueStore;

/**
 * A Byzantine replica: a {@link Strategy} in place of a correct replica, in the simulator or in a
 * replica process ({@link #inProcess}).
 */
public final class ByzantinePeer implements Peer {
  private final Strategy strategy;
  private final Adversary adversary;

  /** In the simulator, with a colluding client whose made-up requests correct replicas accept. */
  public ByzantinePeer(int id, ReplicaConfig config, Strategy strategy, SplittableRandom random) {
    this(id, config, strategy, random, true);
  }

  private ByzantinePeer(int id, ReplicaConfig config, Strategy strategy, SplittableRandom random,
      boolean colludingClient) {
    this.strategy = strategy;
    this.adversary = new Adversary(id, config, new Replica(id, config, new KeyValueStore()),
        random, colludingClient);
  }

  /**
   * In a replica process: no client's keys, so every request it sends is one a client sent it
   * (a made-up one would fail its authenticator and the whole frame would be refused).
   */
  public static ByzantinePeer inProcess(int id, ReplicaConfig config, Strategy strategy,
      SplittableRandom random) {
    return new ByzantinePeer(id, config, strategy, random, false);
  }

  @Override
  public int id() {
    return adversary.id();
  }

  public Strategy strategy() {
    return strategy;
  }

  @Override
  public List<Effect> step(Input input) {
    if (input instanceof Input.Receive r) {
      adversary.recordReceived(r.message());
    }
    List<Effect> out = strategy.step(adversary, input);
    for (Effect e : out) {
      if (e instanceof Effect.Send s) {
        adversary.recordSent(s.message());
      } else if (e instanceof Effect.Broadcast b) {
        adversary.recordSent(b.message());
      }
    }
    return out;
  }
}
