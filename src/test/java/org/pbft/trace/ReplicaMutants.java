package org.pbft.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pbft.core.Effect;
import org.pbft.core.IgnoreReason;
import org.pbft.core.Input;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.SpecAction;
import org.pbft.core.TraceEvent;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.service.KeyValueStore;
import org.pbft.sim.Simulation;

/**
 * Broken replicas for trace validation: each stands for one protocol bug, and the simulator runs
 * it as a correct replica, so that its trace events are recorded and validated like any other.
 *
 * <p>{@link Replica} is final and its certificate sizes come from the record {@link
 * org.pbft.core.Quorums}, so a mutant cannot change a threshold or a handler inside the replica.
 * Each mutant is instead a {@link Peer} around a correct replica that rewrites the replica's
 * effects where the bug would act: the messages it sends and the trace events it records change
 * together, so the trace shows exactly what the broken replica told the others. Every trace event
 * a correct replica would not have recorded is also kept in a {@link Deviations} log, in the order
 * the run recorded them: the first of them is where validation has to reject the trace.
 */
final class ReplicaMutants {
  private ReplicaMutants() {}

  /** The trace events the mutants recorded that a correct replica would not have, in order. */
  static final class Deviations {
    private final List<TraceEvent> events = new ArrayList<>();

    void add(TraceEvent e) {
      events.add(e);
    }

    List<TraceEvent> events() {
      return List.copyOf(events);
    }
  }

  /**
   * Replicas in {@code mutants} are made by {@code mutant} around a correct replica; the others
   * are correct. The mutants share {@code deviations}.
   */
  static Simulation.PeerFactory factory(Set<Integer> mutants, Deviations deviations,
      Mutation mutant) {
    return (id, config) -> {
      Replica replica = new Replica(id, config, new KeyValueStore());
      return mutants.contains(id) ? mutant.around(replica, config, deviations)
          : Peer.correct(replica);
    };
  }

  /** Makes a mutant around a correct replica. */
  @FunctionalInterface
  interface Mutation {
    Peer around(Replica replica, ReplicaConfig config, Deviations deviations);
  }

  /** The bug-specific part: what the mutant makes of the correct replica's effects. */
  private abstract static class Rewriting implements Peer {
    final Replica replica;
    final Deviations deviations;

    Rewriting(Replica replica, Deviations deviations) {
      this.replica = replica;
      this.deviations = deviations;
    }

    @Override
    public int id() {
      return replica.id();
    }

    @Override
    public List<Effect> step(Input input) {
      List<Effect> out = new ArrayList<>();
      rewrite(input, replica.step(input), out);
      return out;
    }

    abstract void rewrite(Input input, List<Effect> correct, List<Effect> out);

    /** Records {@code e} in the trace as an action a correct replica would not take. */
    void deviate(TraceEvent e, List<Effect> out) {
      deviations.add(e);
      out.add(new Effect.Trace(e));
    }
  }

  private record SlotKey(long view, long seq) {}

  private record Vote(long view, long seq, Digest digest) {}

  /**
   * Commits on 2f - 1 PREPAREs: the bug of a replica that counts the primary's PRE-PREPARE as
   * one of the 2f PREPAREs it needs (or tests {@code >= 2f - 1}). It counts, for each
   * PRE-PREPARE it accepted, the matching PREPAREs from distinct backups it has (its own and
   * those received), and multicasts COMMIT, traced as SendCommit, as soon as it has 2f - 1 of
   * them: one PREPARE before the correct replica would. The correct replica's own COMMIT for that
   * slot, later, is not sent again. With f = 1 the mutant commits as soon as it accepts a
   * PRE-PREPARE; the spec rejects that SendCommit when fewer than 2f backups have sent PREPARE.
   */
  static final class CommitsOnePrepareEarly extends Rewriting {
    private final ReplicaConfig config;
    private final Map<SlotKey, Digest> accepted = new LinkedHashMap<>();
    private final Map<Vote, Set<Integer>> prepares = new HashMap<>();
    private final Set<SlotKey> committed = new HashSet<>();
    private final Set<SlotKey> committedEarly = new HashSet<>();

    CommitsOnePrepareEarly(Replica replica, Deviations deviations, ReplicaConfig config) {
      super(replica, deviations);
      this.config = config;
    }

    @Override
    void rewrite(Input input, List<Effect> correct, List<Effect> out) {
      if (input instanceof Input.Receive r && r.message() instanceof Prepare p
          && r.from() == p.replica() && p.replica() != config.primary(p.view())) {
        prepares.computeIfAbsent(new Vote(p.view(), p.seq(), p.digest()), k -> new HashSet<>())
            .add(p.replica());
      }
      for (Effect e : correct) {
        if (e instanceof Effect.Broadcast b && b.message() instanceof Prepare p) {
          prepares.computeIfAbsent(new Vote(p.view(), p.seq(), p.digest()),
              k -> new HashSet<>()).add(p.replica());
        }
        if (e instanceof Effect.Trace t && t.event().action() == SpecAction.ReceivePrePrepare) {
          accepted.put(new SlotKey(t.event().view(), t.event().seq()), t.event().digest());
        }
        if (e instanceof Effect.Broadcast b && b.message() instanceof Commit c) {
          SlotKey slot = new SlotKey(c.view(), c.seq());
          if (committedEarly.contains(slot)) {
            continue;
          }
          committed.add(slot);
        }
        if (e instanceof Effect.Trace t && t.event().action() == SpecAction.SendCommit
            && committedEarly.contains(new SlotKey(t.event().view(), t.event().seq()))) {
          continue;
        }
        out.add(e);
      }
      for (Map.Entry<SlotKey, Digest> a : accepted.entrySet()) {
        SlotKey slot = a.getKey();
        int have = prepares.getOrDefault(new Vote(slot.view(), slot.seq(), a.getValue()),
            Set.of()).size();
        if (slot.view() == replica.view() && replica.status() == Replica.Status.NORMAL
            && slot.seq() > replica.lowWatermark() && !committed.contains(slot)
            && have >= config.quorums().preparesFromBackups() - 1) {
          committed.add(slot);
          committedEarly.add(slot);
          out.add(new Effect.Broadcast(
              new Commit(slot.view(), slot.seq(), a.getValue(), replica.id())));
          deviate(new TraceEvent(SpecAction.SendCommit, replica.id(), slot.view(), slot.seq(),
              a.getValue()), out);
        }
      }
    }
  }

  /**
   * Executes out of sequence order: the bug of a replica that runs the batches that became
   * committed-local in one step in the order of a collection that does not keep sequence order.
   * When one step executes n and n + 1, it reports them, as Execute effects and in the trace,
   * n + 1 first. (The wrapped replica's service still runs them in order: what validation judges
   * is the order the replica reports, and the spec's Execute takes only n = executed + 1.)
   */
  static final class ExecutesOutOfOrder extends Rewriting {
    ExecutesOutOfOrder(Replica replica, Deviations deviations) {
      super(replica, deviations);
    }

    @Override
    void rewrite(Input input, List<Effect> correct, List<Effect> out) {
      List<Integer> traced = new ArrayList<>();
      List<Integer> executed = new ArrayList<>();
      for (int i = 0; i < correct.size(); i++) {
        Effect e = correct.get(i);
        if (e instanceof Effect.Trace t && t.event().action() == SpecAction.Execute) {
          traced.add(i);
        } else if (e instanceof Effect.Execute) {
          executed.add(i);
        }
      }
      if (traced.size() < 2) {
        out.addAll(correct);
        return;
      }
      List<Effect> swapped = new ArrayList<>(correct);
      swap(swapped, traced.get(0), traced.get(1));
      swap(swapped, executed.get(0), executed.get(1));
      for (int i = 0; i < swapped.size(); i++) {
        if (i == traced.get(0)) {
          deviate(((Effect.Trace) swapped.get(i)).event(), out);
        } else {
          out.add(swapped.get(i));
        }
      }
    }

    private static void swap(List<Effect> effects, int i, int j) {
      Effect e = effects.get(i);
      effects.set(i, effects.get(j));
      effects.set(j, e);
    }
  }

  /**
   * Accepts conflicting PRE-PREPAREs: the bug of a backup that does not check whether it already
   * accepted a PRE-PREPARE at (v, n). Where the correct replica ignores a second PRE-PREPARE at
   * (v, n) with another digest ({@link IgnoreReason#CONFLICTING_PRE_PREPARE}), the mutant
   * accepts it as it accepted the first: it multicasts PREPARE for it, traced as
   * ReceivePrePrepare. (Its log keeps the first one, so it goes no further with the second; the
   * PREPARE it sent is the equivocation the check exists to prevent.)
   */
  static final class AcceptsConflictingPrePrepare extends Rewriting {
    AcceptsConflictingPrePrepare(Replica replica, Deviations deviations) {
      super(replica, deviations);
    }

    @Override
    void rewrite(Input input, List<Effect> correct, List<Effect> out) {
      for (Effect e : correct) {
        if (e instanceof Effect.Ignore i && i.reason() == IgnoreReason.CONFLICTING_PRE_PREPARE
            && i.message() instanceof PrePrepare pp) {
          out.add(new Effect.Broadcast(
              new Prepare(pp.view(), pp.seq(), pp.digest(), replica.id())));
          deviate(new TraceEvent(SpecAction.ReceivePrePrepare, replica.id(), pp.view(),
              pp.seq(), pp.digest()), out);
        } else {
          out.add(e);
        }
      }
    }
  }

  /**
   * A new primary that drops prepared requests: the bug of a primary that computes O without the
   * prepared certificates of V, so that every sequence number between minS and maxS gets the null
   * request. Its NEW-VIEW, as multicast, sent again to laggards and traced as SendNewView, carries
   * that O; V is unchanged, so the NEW-VIEW claims that no request prepared in V survives. Only a
   * NEW-VIEW whose O holds a prepared request changes (otherwise the two agree).
   */
  static final class NewPrimaryDropsPrepared extends Rewriting {
    private final Map<NewView, NewView> dropped = new IdentityHashMap<>();

    NewPrimaryDropsPrepared(Replica replica, Deviations deviations) {
      super(replica, deviations);
    }

    @Override
    void rewrite(Input input, List<Effect> correct, List<Effect> out) {
      for (Effect e : correct) {
        if (e instanceof Effect.Broadcast b && b.message() instanceof NewView nv) {
          out.add(new Effect.Broadcast(dropPrepared(nv)));
        } else if (e instanceof Effect.Send s && s.message() instanceof NewView nv) {
          out.add(new Effect.Send(s.to(), dropPrepared(nv)));
        } else if (e instanceof Effect.Trace t && t.event().action() == SpecAction.SendNewView
            && dropPrepared(t.event().newView()) != t.event().newView()) {
          TraceEvent x = t.event();
          deviate(new TraceEvent(x.action(), x.replica(), x.view(), x.seq(), x.digest(),
              dropPrepared(x.newView())), out);
        } else {
          out.add(e);
        }
      }
    }

    private NewView dropPrepared(NewView nv) {
      if (nv.prePrepares().stream().allMatch(pp -> pp.requests().isEmpty())) {
        return nv;
      }
      return dropped.computeIfAbsent(nv, m -> new NewView(m.view(), m.viewChanges(),
          m.prePrepares().stream()
              .map(pp -> PrePrepare.of(pp.view(), pp.seq(), List.of()))
              .toList()));
    }
  }

  /**
   * Declares a checkpoint stable on f + 1 matching CHECKPOINTs: the bug of a replica that takes
   * the weak certificate (enough to know one correct replica has the state) for the stable one
   * (2f + 1, enough for the checkpoint to survive a view change). It counts the CHECKPOINTs it
   * has (its own and those received) and, for a checkpoint it has executed to above its stable
   * one, records StableCheckpoint as soon as f + 1 match. The wrapped replica raises its low
   * watermark only at 2f + 1; its own StableCheckpoint events at or below the mutant's are not
   * recorded again.
   */
  static final class StableOnWeakCertificate extends Rewriting {
    private final ReplicaConfig config;
    /** By sequence number, by state digest: the replicas whose CHECKPOINT it has. */
    private final TreeMap<Long, Map<Digest, Set<Integer>>> checkpoints = new TreeMap<>();
    private long declared;

    StableOnWeakCertificate(Replica replica, Deviations deviations, ReplicaConfig config) {
      super(replica, deviations);
      this.config = config;
    }

    private void count(Checkpoint c) {
      checkpoints.computeIfAbsent(c.seq(), n -> new LinkedHashMap<>())
          .computeIfAbsent(c.stateDigest(), d -> new HashSet<>()).add(c.replica());
    }

    @Override
    void rewrite(Input input, List<Effect> correct, List<Effect> out) {
      if (input instanceof Input.Receive r && r.message() instanceof Checkpoint c
          && r.from() == c.replica()) {
        count(c);
      }
      for (Effect e : correct) {
        if (e instanceof Effect.Broadcast b && b.message() instanceof Checkpoint c) {
          count(c);
        }
        if (e instanceof Effect.Trace t && t.event().action() == SpecAction.StableCheckpoint
            && t.event().seq() <= declared) {
          continue;
        }
        out.add(e);
      }
      long above = Math.max(declared, replica.lowWatermark());
      if (replica.lastExecuted() <= above) {
        return;
      }
      for (var atSeq : checkpoints.subMap(above, false, replica.lastExecuted(), true)
          .descendingMap().entrySet()) {
        for (var c : atSeq.getValue().entrySet()) {
          if (c.getValue().size() >= config.quorums().weak() && atSeq.getKey() > declared) {
            declared = atSeq.getKey();
            deviate(new TraceEvent(SpecAction.StableCheckpoint, replica.id(), -1, declared,
                c.getKey()), out);
          }
        }
      }
    }
  }
}
