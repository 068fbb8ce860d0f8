package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Replica;
import org.pbft.core.message.Message;
import org.pbft.service.KeyValueStore;

/**
 * Twins (Bano, Sonnino, Chursin, Perelman and Malkhi, 2022): the faulty identity runs as two
 * correct replicas with the same keys, each with its own state, each talking to its own part of
 * the other replicas; every {@link #SWITCH_TICKS} ticks the parts are drawn again. Neither copy
 * breaks a rule on its own; together they equivocate, answer from two states and forget what the
 * other sent, as a faulty replica may, without anyone scripting it. Clients talk to both.
 */
final class Twins implements Strategy {
  static final long SWITCH_TICKS = 150;

  private Replica first;
  private Replica second;
  /** The replicas the first copy talks to; the second copy talks to the others. */
  private Set<Integer> firstSide;
  private long ticks;

  @Override
  public String name() {
    return "twins";
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    if (first == null) {
      first = new Replica(a.id(), a.config(), new KeyValueStore());
      second = new Replica(a.id(), a.config(), new KeyValueStore());
      firstSide = drawSide(a);
    }
    List<Effect> out = new ArrayList<>();
    if (input instanceof Input.Receive r && r.from() != Input.CLIENT) {
      boolean toFirst = firstSide.contains(r.from());
      route(a, (toFirst ? first : second).step(input), toFirst, out);
      return out;
    }
    if (input instanceof Input.Tick && ++ticks % SWITCH_TICKS == 0) {
      firstSide = drawSide(a);
    }
    route(a, first.step(input), true, out);
    route(a, second.step(input), false, out);
    return out;
  }

  private static Set<Integer> drawSide(Adversary a) {
    Set<Integer> side = new HashSet<>();
    for (int q : a.others()) {
      if (a.random().nextBoolean()) {
        side.add(q);
      }
    }
    return side;
  }

  /** A copy's messages go to its own side only; its replies go to the clients. */
  private void route(Adversary a, List<Effect> effects, boolean fromFirst, List<Effect> out) {
    for (Effect e : effects) {
      if (e instanceof Effect.Send s && firstSide.contains(s.to()) == fromFirst) {
        out.add(s);
      } else if (e instanceof Effect.Broadcast b) {
        sendToSide(a, b.message(), fromFirst, out);
      } else if (e instanceof Effect.SendReply) {
        out.add(e);
      }
    }
  }

  private void sendToSide(Adversary a, Message m, boolean fromFirst, List<Effect> out) {
    for (int q : a.others()) {
      if (firstSide.contains(q) == fromFirst) {
        out.add(new Effect.Send(q, m));
      }
    }
  }
}
