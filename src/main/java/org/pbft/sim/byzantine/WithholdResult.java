package org.pbft.sim.byzantine;

import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;

/**
 * A replier that never delivers: replica 1 behaves correctly, except that every reply with a
 * result longer than a digest carries only the digest, also where a request named it to send the
 * result, or came back to it after it executed it. Its digests are right, so they match; clients
 * that name it wait for a result that never comes, time out, and must name another replica
 * (digest replies, Castro and Liskov 5.1): a cost of one timeout per client, not one per request.
 * A short result it sends whole, as a correct replica does: a digest there would give it away at
 * once, without a timeout.
 */
final class WithholdResult implements Strategy {
  @Override
  public String name() {
    return "withhold-result";
  }

  /** A backup of view 0, so that withholding is all it does: no view change follows. */
  @Override
  public int replica(int n, SplittableRandom random) {
    return 1;
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    return a.actCorrectlyRewriting(input, e ->
        e instanceof Effect.SendReply r && r.reply().worthDigesting()
            ? new Effect.SendReply(r.reply().digested())
            : e);
  }
}
