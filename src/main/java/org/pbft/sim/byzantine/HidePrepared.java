package org.pbft.sim.byzantine;

import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.ViewChange;

/**
 * A VIEW-CHANGE that hides prepared requests: a backup that acts correctly, except that its
 * VIEW-CHANGEs carry no prepared certificates (P is empty), hoping that a NEW-VIEW built on it
 * forgets a request that committed.
 */
final class HidePrepared implements Strategy {
  @Override
  public String name() {
    return "hide-prepared";
  }

  @Override
  public int replica(int n, SplittableRandom random) {
    return 1 + random.nextInt(n - 1);
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    return a.actCorrectlyRewriting(input, e ->
        e instanceof Effect.Broadcast b && b.message() instanceof ViewChange vc
            ? new Effect.Broadcast(new ViewChange(vc.newView(), vc.stableSeq(),
                vc.stateDigest(), vc.checkpointProof(), List.of(), vc.replica()))
            : e);
  }
}
