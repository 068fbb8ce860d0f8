package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.StateSnapshot;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;

/**
 * Random well-formed messages: besides acting correctly (half of the time), sends messages of
 * every type under its own name, with views and sequence numbers near the current ones and
 * digests that are random or taken from messages it saw, and random replies to clients.
 */
final class RandomMessages implements Strategy {
  private static final double RATE = 0.25;

  @Override
  public String name() {
    return "random";
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    SplittableRandom random = a.random();
    List<Effect> out = new ArrayList<>();
    for (Effect e : a.actCorrectly(input)) {
      if (random.nextBoolean()) {
        out.add(e);
      }
    }
    if (random.nextDouble() < RATE) {
      Message m = randomMessage(a);
      out.add(random.nextBoolean() ? new Effect.Broadcast(m) : new Effect.Send(a.randomOther(), m));
    }
    if (random.nextDouble() < RATE / 4 && !a.clients().isEmpty()) {
      List<Long> clients = a.clients();
      long client = clients.get(random.nextInt(clients.size()));
      byte[] result = new byte[1 + random.nextInt(8)];
      random.nextBytes(result);
      out.add(new Effect.SendReply(
          new Reply(a.view(), 1 + random.nextInt(50), client, a.id(), result)));
    }
    return out;
  }

  private static Message randomMessage(Adversary a) {
    SplittableRandom random = a.random();
    long view = Math.max(0, a.view() - 1 + random.nextInt(3));
    long seq = a.lowWatermark() + random.nextLong(-1, a.config().logWindow() + 2);
    Digest digest = someDigest(a);
    return switch (random.nextInt(10)) {
      case 0 -> PrePrepare.of(view, seq, someRequests(a));
      case 1 -> new Prepare(view, seq, digest, a.id());
      case 2 -> new Commit(view, seq, digest, a.id());
      case 3 -> new Checkpoint(a.config().checkpointInterval() * random.nextLong(1, 6), digest,
          a.id());
      case 4 -> viewChange(a, view + 1);
      case 5 -> new NewView(view + 1, a.receivedOf(ViewChange.class).stream()
          .filter(vc -> random.nextBoolean()).limit(3).toList(), List.of());
      case 6 -> new FetchState(a.config().checkpointInterval() * random.nextLong(0, 4), a.id());
      case 7 -> new StateSnapshot(seq, randomBytes(random), a.id());
      case 8 -> new StatusReport(view, random.nextBoolean(), Math.max(0, seq - 1),
          Math.max(0, seq - 1), random.nextBoolean(), a.id());
      default -> someRequests(a).get(0);
    };
  }

  /** A VIEW-CHANGE built on a checkpoint proof it saw (so it may well be valid), with no P. */
  private static ViewChange viewChange(Adversary a, long newView) {
    List<ViewChange> seen = a.receivedOf(ViewChange.class);
    if (seen.isEmpty()) {
      return new ViewChange(newView, 0, a.garbageDigest(), List.of(), List.of(), a.id());
    }
    ViewChange vc = seen.get(a.random().nextInt(seen.size()));
    return new ViewChange(newView, vc.stableSeq(), vc.stateDigest(), vc.checkpointProof(),
        List.of(), a.id());
  }

  private static Digest someDigest(Adversary a) {
    List<PrePrepare> seen = a.receivedOf(PrePrepare.class);
    if (seen.isEmpty() || a.random().nextBoolean()) {
      return a.garbageDigest();
    }
    return seen.get(a.random().nextInt(seen.size())).digest();
  }

  private static List<Request> someRequests(Adversary a) {
    List<Request> seen = a.receivedOf(Request.class);
    if (seen.isEmpty() || a.random().nextInt(4) == 0) {
      return List.of(a.colludingRequest());
    }
    return List.of(seen.get(a.random().nextInt(seen.size())));
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(64)];
    random.nextBytes(bytes);
    return bytes;
  }
}
