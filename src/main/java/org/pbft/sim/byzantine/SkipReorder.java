package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.PrePrepare;

/**
 * Primary that skips or reorders requests: some PRE-PREPAREs go out at a sequence number above
 * the one due (leaving a gap only a NEW-VIEW can fill with the null request), and some are held
 * back and swapped with the next one, so that requests are ordered in another order than they
 * arrived.
 */
final class SkipReorder implements Strategy {
  private static final int HOLD_TICKS = 5;
  private long skipped;
  private long skippedInView = -1;
  private PrePrepare held;
  private int heldTicks;

  @Override
  public String name() {
    return "skip-reorder";
  }

  @Override
  public int replica(int n, SplittableRandom random) {
    return 0;
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    List<Effect> out = new ArrayList<>();
    if (held != null && (held.view() != a.view() || input instanceof Input.Tick
        && ++heldTicks >= HOLD_TICKS)) {
      out.add(new Effect.Broadcast(shift(held)));
      held = null;
    }
    for (Effect e : a.actCorrectly(input)) {
      if (e instanceof Effect.Broadcast b && b.message() instanceof PrePrepare pp
          && !pp.requests().isEmpty()) {
        misorder(a, pp, out);
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private void misorder(Adversary a, PrePrepare pp, List<Effect> out) {
    if (skippedInView != pp.view()) {
      skippedInView = pp.view();
      skipped = 0;
    }
    if (held != null) {
      out.add(new Effect.Broadcast(
          PrePrepare.of(held.view(), held.seq() + skipped, pp.requests())));
      out.add(new Effect.Broadcast(PrePrepare.of(pp.view(), pp.seq() + skipped, held.requests())));
      held = null;
      return;
    }
    switch (a.random().nextInt(3)) {
      case 0 -> out.add(new Effect.Broadcast(shift(pp)));
      case 1 -> {
        skipped++;
        out.add(new Effect.Broadcast(shift(pp)));
      }
      default -> {
        held = pp;
        heldTicks = 0;
      }
    }
  }

  private PrePrepare shift(PrePrepare pp) {
    long offset = pp.view() == skippedInView ? skipped : 0;
    return new PrePrepare(pp.view(), pp.seq() + offset, pp.digest(), pp.requests());
  }
}
