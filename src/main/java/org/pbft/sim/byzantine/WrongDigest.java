package org.pbft.sim.byzantine;

import java.util.List;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Message;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;

/**
 * Wrong digests: PRE-PREPAREs whose digest is not their batch's, and PREPAREs, COMMITs and
 * CHECKPOINTs with digests of nothing anyone holds. Everything else as a correct replica would.
 */
final class WrongDigest implements Strategy {
  @Override
  public String name() {
    return "wrong-digest";
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    return a.actCorrectlyRewriting(input, e -> {
      if (e instanceof Effect.Broadcast b) {
        return new Effect.Broadcast(corrupt(a, b.message()));
      } else if (e instanceof Effect.Send s) {
        return new Effect.Send(s.to(), corrupt(a, s.message()));
      }
      return e;
    });
  }

  private static Message corrupt(Adversary a, Message m) {
    if (m instanceof PrePrepare pp) {
      return new PrePrepare(pp.view(), pp.seq(), a.garbageDigest(), pp.requests());
    } else if (m instanceof Prepare p) {
      return new Prepare(p.view(), p.seq(), a.garbageDigest(), p.replica());
    } else if (m instanceof Commit c) {
      return new Commit(c.view(), c.seq(), a.garbageDigest(), c.replica());
    } else if (m instanceof Checkpoint c) {
      return new Checkpoint(c.seq(), a.garbageDigest(), c.replica());
    }
    return m;
  }
}
