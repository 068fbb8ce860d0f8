package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.PrePrepare;

/**
 * The leader of a {@link Collusion}: the primary of view 0. Each batch it orders goes out in two
 * versions, one to each part of the correct replicas, with its COMMIT for each; the backers get
 * the first version, so that their correct replicas follow along.
 */
final class ColludingLeader extends ColludingMember {
  ColludingLeader(Collusion plan) {
    super(plan);
  }

  @Override
  public int replica(int n, SplittableRandom random) {
    return 0;
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    plan.join(a.id());
    List<Effect> effects = new ArrayList<>();
    List<Effect> out = new ArrayList<>();
    for (Effect e : a.actCorrectly(input)) {
      if (e instanceof Effect.Broadcast b && b.message() instanceof PrePrepare pp
          && !pp.requests().isEmpty() && a.isPrimary(pp.view())) {
        Collusion.Split split = plan.equivocate(a, pp);
        for (int q : a.others()) {
          out.add(new Effect.Send(q, plan.isMember(q) ? pp : split.versionFor(q)));
        }
        back(a, split, false, out);
      } else {
        effects.add(e);
      }
    }
    rewrite(a, effects, out);
    return out;
  }
}
