package org.pbft.sim.byzantine;

import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;

/**
 * A scripted Byzantine replica: for each input, the effects it chooses, under its own identity.
 * A strategy may send anything well-typed; it cannot make a message appear to come from another
 * replica (the simulator delivers every message with its real sender).
 */
public interface Strategy {

  /** The name used on the command line. */
  String name();

  /** Which of n replicas plays this strategy in a run, chosen with the run's randomness. */
  default int replica(int n, SplittableRandom random) {
    return random.nextInt(n);
  }

  List<Effect> step(Adversary adversary, Input input);
}
