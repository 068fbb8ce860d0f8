package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;

/**
 * A backer of a {@link Collusion}: any replica but the leader. Each version the leader sent gets
 * this replica's PREPARE and COMMIT toward the part that received it, at the backer's next step.
 */
final class ColludingBacker extends ColludingMember {
  private int backed;

  ColludingBacker(Collusion plan) {
    super(plan);
  }

  @Override
  public int replica(int n, SplittableRandom random) {
    return 1 + random.nextInt(n - 1);
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    plan.join(a.id());
    List<Effect> out = new ArrayList<>();
    List<Collusion.Split> fresh = plan.since(backed);
    backed += fresh.size();
    for (Collusion.Split split : fresh) {
      back(a, split, true, out);
    }
    rewrite(a, a.actCorrectly(input), out);
    return out;
  }
}
