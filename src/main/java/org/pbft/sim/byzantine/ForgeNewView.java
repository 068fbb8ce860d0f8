package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Request;

/**
 * A NEW-VIEW with a forged O: the primary of view 1 (and of every view it leads) sends NEW-VIEW
 * with genuine VIEW-CHANGEs but pre-prepares V does not determine: a request replaced by the null
 * request or by a colluding client's, one dropped, or one added.
 */
final class ForgeNewView implements Strategy {
  @Override
  public String name() {
    return "forge-new-view";
  }

  @Override
  public int replica(int n, SplittableRandom random) {
    return 1;
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    return a.actCorrectlyRewriting(input, e ->
        e instanceof Effect.Broadcast b && b.message() instanceof NewView nv
            ? new Effect.Broadcast(new NewView(nv.view(), nv.viewChanges(), forge(a, nv)))
            : e);
  }

  private static List<PrePrepare> forge(Adversary a, NewView nv) {
    List<PrePrepare> o = new ArrayList<>(nv.prePrepares());
    long minS = nv.viewChanges().stream().mapToLong(vc -> vc.stableSeq()).max().orElse(0);
    int choice = o.isEmpty() ? 0 : a.random().nextInt(3);
    if (choice == 0) {
      long n = o.isEmpty() ? minS + 1 : o.get(o.size() - 1).seq() + 1;
      o.add(PrePrepare.of(nv.view(), n, List.of(a.colludingRequest())));
    } else if (choice == 1) {
      o.remove(o.size() - 1);
    } else {
      int i = a.random().nextInt(o.size());
      PrePrepare pp = o.get(i);
      List<Request> batch = pp.requests().isEmpty() ? List.of(a.colludingRequest()) : List.of();
      o.set(i, PrePrepare.of(pp.view(), pp.seq(), batch));
    }
    return o;
  }
}
