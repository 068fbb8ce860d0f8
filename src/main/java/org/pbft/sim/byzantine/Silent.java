package org.pbft.sim.byzantine;

import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;

/** Silent primary: the primary of view 0 never sends anything (a crash, as far as others see). */
final class Silent implements Strategy {
  @Override
  public String name() {
    return "silent";
  }

  @Override
  public int replica(int n, SplittableRandom random) {
    return 0;
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    return List.of();
  }
}
