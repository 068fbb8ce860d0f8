package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Request;

/**
 * Equivocating primary: each PRE-PREPARE goes as it is to some backups, and a different one for
 * the same (view, sequence number) to the others: the batch reversed, or with a colluding
 * client's request added; in a replica process, which has no colluding client, a batch of
 * another request a client sent it (an earlier one of the same client, if that is all there is).
 * Half of the time one backup then gets the other one too.
 */
final class Equivocate implements Strategy {
  @Override
  public String name() {
    return "equivocate";
  }

  @Override
  public int replica(int n, SplittableRandom random) {
    return 0;
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    List<Effect> out = new ArrayList<>();
    for (Effect e : a.actCorrectly(input)) {
      if (e instanceof Effect.Broadcast b && b.message() instanceof PrePrepare pp
          && !pp.requests().isEmpty()) {
        equivocate(a, pp, out);
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static void equivocate(Adversary a, PrePrepare pp, List<Effect> out) {
    List<Request> other = new ArrayList<>(pp.requests());
    if (other.size() >= 2) {
      Collections.reverse(other);
    } else if (a.hasColludingClient()) {
      other.add(a.colludingRequest());
    } else {
      Optional<Request> earlier = a.receivedRequestOtherThan(pp.requests());
      if (earlier.isEmpty()) {
        out.add(new Effect.Broadcast(pp)); // nothing to equivocate with yet
        return;
      }
      other = List.of(earlier.get());
    }
    PrePrepare conflicting = PrePrepare.of(pp.view(), pp.seq(), other);
    List<Integer> backups = a.others();
    int split = 1 + a.random().nextInt(backups.size() - 1);
    Collections.rotate(backups, a.random().nextInt(backups.size()));
    for (int i = 0; i < backups.size(); i++) {
      out.add(new Effect.Send(backups.get(i), i < split ? pp : conflicting));
    }
    if (a.random().nextBoolean()) {
      int i = a.random().nextInt(backups.size());
      out.add(new Effect.Send(backups.get(i), i < split ? conflicting : pp));
    }
  }
}
