package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;

/**
 * Small-scope mutations, after ByzzFuzz (Winter, Buse, de Vries, Mazo and Bernardi, OOPSLA
 * 2023): the replica behaves correctly, but now and then (a budget of {@link #BUDGET} per run,
 * each outgoing copy with probability {@link #RATE}) one copy of a message, to one recipient,
 * has one field changed: its view or sequence number one off, its digest another one, a member of
 * a certificate left out, or it leaves at the wrong moment: held back for up to two view-change
 * timeouts, or an old message of its own sent again with it. Every choice comes from the run's
 * seed. Requests relayed for clients are never changed: a replica cannot sign for a client.
 */
final class Mutate implements Strategy {
  static final double RATE = 0.05;
  static final int BUDGET = 40;
  private static final int OWN_REMEMBERED = 64;

  /** What one mutation changes. */
  enum Kind { VIEW, SEQ, DIGEST, CERTIFICATE, LATE, REPEAT }

  private final Map<Kind, Integer> made = new EnumMap<>(Kind.class);
  /** Copies held back, by the tick they leave. */
  private final TreeMap<Long, List<Effect>> held = new TreeMap<>();
  private final List<Message> own = new ArrayList<>();
  private long ticks;
  private int spent;

  @Override
  public String name() {
    return "mutate";
  }

  /** How many mutations of each kind were made: what a run exercised. */
  Map<Kind, Integer> made() {
    return Map.copyOf(made);
  }

  @Override
  public List<Effect> step(Adversary a, Input input) {
    List<Effect> out = new ArrayList<>();
    if (input instanceof Input.Tick) {
      ticks++;
      while (!held.isEmpty() && held.firstKey() <= ticks) {
        out.addAll(held.pollFirstEntry().getValue());
      }
    }
    for (Effect e : a.actCorrectly(input)) {
      if (e instanceof Effect.Broadcast b && !(b.message() instanceof Request)) {
        broadcast(a, b, out);
      } else if (e instanceof Effect.Send s && !(s.message() instanceof Request)) {
        Effect c = copy(a, s.to(), s.message());
        if (c != null) {
          out.add(c);
        }
      } else if (e instanceof Effect.SendReply r && mutating(a)) {
        out.add(new Effect.SendReply(reply(a, r.reply())));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /** As it is, unless some recipient's copy is mutated: then one copy per recipient. */
  private void broadcast(Adversary a, Effect.Broadcast b, List<Effect> out) {
    List<Effect> copies = new ArrayList<>();
    boolean changed = false;
    for (int q : a.others()) {
      Effect c = copy(a, q, b.message());
      changed |= !(c instanceof Effect.Send s && s.message() == b.message());
      if (c != null) {
        copies.add(c);
      }
    }
    remember(b.message());
    if (changed) {
      out.addAll(copies);
    } else {
      out.add(b);
    }
  }

  /**
   * The copy of {@code m} for {@code to}: itself, mutated, or itself with an old message after
   * it; null when it is held back to leave later.
   */
  private Effect copy(Adversary a, int to, Message m) {
    remember(m);
    Effect plain = new Effect.Send(to, m);
    if (!mutating(a)) {
      return plain;
    }
    SplittableRandom random = a.random();
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    if (kind == Kind.REPEAT && own.size() > 1) {
      made.merge(kind, 1, Integer::sum);
      Message old = own.get(random.nextInt(own.size()));
      held.computeIfAbsent(ticks, t -> new ArrayList<>()).add(new Effect.Send(to, old));
      return plain; // the old one leaves with the next tick's messages, right after this one
    }
    Message changed = kind == Kind.LATE || kind == Kind.REPEAT ? null : change(a, kind, m);
    if (changed == null) {
      kind = Kind.LATE; // nothing of that kind to change in m: it leaves late instead
      long delay = 1 + random.nextLong(2 * a.config().viewChangeTimeout());
      held.computeIfAbsent(ticks + delay, t -> new ArrayList<>()).add(plain);
      made.merge(kind, 1, Integer::sum);
      return null;
    }
    made.merge(kind, 1, Integer::sum);
    return new Effect.Send(to, changed);
  }

  private boolean mutating(Adversary a) {
    if (spent >= BUDGET || a.random().nextDouble() >= RATE) {
      return false;
    }
    spent++;
    return true;
  }

  private void remember(Message m) {
    if (own.size() < OWN_REMEMBERED) {
      own.add(m);
    } else {
      own.set((int) (ticks % OWN_REMEMBERED), m);
    }
  }

  /** {@code m} with one field of {@code kind} changed, or null if it has no such field. */
  private static Message change(Adversary a, Kind kind, Message m) {
    SplittableRandom random = a.random();
    return switch (kind) {
      case VIEW -> otherView(m, random.nextBoolean() ? 1 : -1);
      case SEQ -> otherSeq(m, random.nextBoolean() ? 1 : -1, a.config().checkpointInterval());
      case DIGEST -> otherDigest(a, m);
      case CERTIFICATE -> m instanceof ViewChange vc ? withoutAMember(random, vc)
          : m instanceof NewView nv ? withoutAMember(random, nv) : null;
      case LATE, REPEAT -> null;
    };
  }

  private static Message otherView(Message m, long one) {
    if (m instanceof PrePrepare pp) {
      return new PrePrepare(Math.max(0, pp.view() + one), pp.seq(), pp.digest(), pp.requests());
    } else if (m instanceof Prepare p) {
      return new Prepare(Math.max(0, p.view() + one), p.seq(), p.digest(), p.replica());
    } else if (m instanceof Commit c) {
      return new Commit(Math.max(0, c.view() + one), c.seq(), c.digest(), c.replica());
    } else if (m instanceof ViewChange vc) {
      return new ViewChange(vc.newView() + 1, vc.stableSeq(), vc.stateDigest(),
          vc.checkpointProof(), vc.preparedCertificates(), vc.replica());
    } else if (m instanceof NewView nv) {
      return new NewView(nv.view() + 1, nv.viewChanges(), nv.prePrepares());
    } else if (m instanceof StatusReport s) {
      return new StatusReport(s.view() + 1, s.normal(), s.stableCheckpoint(), s.lastExecuted(),
          s.suspects(), s.replica());
    }
    return null;
  }

  /** Sequence numbers one off; checkpoint numbers one interval off, as checkpoints come. */
  private static Message otherSeq(Message m, long one, long k) {
    if (m instanceof PrePrepare pp) {
      return new PrePrepare(pp.view(), Math.max(1, pp.seq() + one), pp.digest(), pp.requests());
    } else if (m instanceof Prepare p) {
      return new Prepare(p.view(), Math.max(1, p.seq() + one), p.digest(), p.replica());
    } else if (m instanceof Commit c) {
      return new Commit(c.view(), Math.max(1, c.seq() + one), c.digest(), c.replica());
    } else if (m instanceof Checkpoint c) {
      return new Checkpoint(c.seq() + k, c.stateDigest(), c.replica());
    } else if (m instanceof FetchState f) {
      return new FetchState(f.seq() + k, f.replica());
    } else if (m instanceof StatusReport s) {
      return new StatusReport(s.view(), s.normal(), s.stableCheckpoint(), s.lastExecuted() + 1,
          s.suspects(), s.replica());
    }
    return null;
  }

  private static Message otherDigest(Adversary a, Message m) {
    if (m instanceof PrePrepare pp) {
      return new PrePrepare(pp.view(), pp.seq(), otherDigest(a, pp.digest()), pp.requests());
    } else if (m instanceof Prepare p) {
      return new Prepare(p.view(), p.seq(), otherDigest(a, p.digest()), p.replica());
    } else if (m instanceof Commit c) {
      return new Commit(c.view(), c.seq(), otherDigest(a, c.digest()), c.replica());
    } else if (m instanceof Checkpoint c) {
      return new Checkpoint(c.seq(), a.garbageDigest(), c.replica());
    } else if (m instanceof ViewChange vc) {
      return new ViewChange(vc.newView(), vc.stableSeq(), a.garbageDigest(),
          vc.checkpointProof(), vc.preparedCertificates(), vc.replica());
    }
    return null;
  }

  /** The digest of another batch this replica saw, or a made-up one if it saw none. */
  private static Digest otherDigest(Adversary a, Digest not) {
    List<PrePrepare> seen = a.receivedOf(PrePrepare.class);
    for (int tries = 0; tries < 4 && !seen.isEmpty(); tries++) {
      Digest d = seen.get(a.random().nextInt(seen.size())).digest();
      if (!d.equals(not)) {
        return d;
      }
    }
    return a.garbageDigest();
  }

  /** One CHECKPOINT of C, one PREPARE of a certificate, or one certificate of P left out. */
  private static ViewChange withoutAMember(SplittableRandom random, ViewChange vc) {
    List<Checkpoint> proof = new ArrayList<>(vc.checkpointProof());
    List<PreparedCertificate> certs = new ArrayList<>(vc.preparedCertificates());
    int choice = random.nextInt(3);
    if (choice == 0 && !proof.isEmpty()) {
      proof.remove(random.nextInt(proof.size()));
    } else if (choice == 1 && !certs.isEmpty()) {
      int i = random.nextInt(certs.size());
      PreparedCertificate c = certs.get(i);
      List<Prepare> prepares = new ArrayList<>(c.prepares());
      if (prepares.isEmpty()) {
        return null;
      }
      prepares.remove(random.nextInt(prepares.size()));
      certs.set(i, new PreparedCertificate(c.prePrepare(), prepares));
    } else if (!certs.isEmpty()) {
      certs.remove(random.nextInt(certs.size()));
    } else {
      return null;
    }
    return new ViewChange(vc.newView(), vc.stableSeq(), vc.stateDigest(), proof, certs,
        vc.replica());
  }

  /** One VIEW-CHANGE of V or one PRE-PREPARE of O left out. */
  private static NewView withoutAMember(SplittableRandom random, NewView nv) {
    List<ViewChange> v = new ArrayList<>(nv.viewChanges());
    List<PrePrepare> o = new ArrayList<>(nv.prePrepares());
    if ((random.nextBoolean() || o.isEmpty()) && !v.isEmpty()) {
      v.remove(random.nextInt(v.size()));
    } else if (!o.isEmpty()) {
      o.remove(random.nextInt(o.size()));
    } else {
      return null;
    }
    return new NewView(nv.view(), v, o);
  }

  /** A reply with its view one off: correct-looking, but not the view it was executed in. */
  private Reply reply(Adversary a, Reply r) {
    made.merge(Kind.VIEW, 1, Integer::sum);
    return new Reply(r.view() + 1, r.timestamp(), r.clientId(), r.replica(), r.result(),
        r.readOnly(), r.digestOnly());
  }
}
