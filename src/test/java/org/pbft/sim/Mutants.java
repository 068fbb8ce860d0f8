package org.pbft.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Peer;
import org.pbft.core.Quorums;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.Request;
import org.pbft.core.message.StatusReport;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;
import org.pbft.service.Service;

/**
 * Broken replicas the simulator runs as if they were correct, to show that each checker can
 * fail. They live in tests only: a broken service, a replica whose executions are rewritten, a
 * replica that never answers.
 */
final class Mutants {
  private Mutants() {}

  /** Replicas in {@code broken} run {@code service}; the others are correct. */
  static Simulation.PeerFactory service(Set<Integer> broken, java.util.function.Supplier<Service>
      service) {
    return (id, config) -> Peer.correct(new Replica(id, config,
        broken.contains(id) ? service.get() : new KeyValueStore()));
  }

  /** A key-value store whose deletes report the value removed but keep it. */
  static final class DeleteKeepsValue implements Service {
    private final KeyValueStore store = new KeyValueStore();

    @Override
    public byte[] execute(byte[] operation) {
      var op = KvOperation.decode(operation);
      if (op.isPresent() && op.get() instanceof KvOperation.Delete d) {
        return KvResult.ok(store.get(d.key())).encode();
      }
      return store.execute(operation);
    }

    @Override
    public byte[] snapshot() {
      return store.snapshot();
    }

    @Override
    public void restore(byte[] snapshot) {
      store.restore(snapshot);
    }
  }

  /** A key-value store that writes every put's value with a suffix (its state diverges). */
  static final class PutAltersValue implements Service {
    private final KeyValueStore store = new KeyValueStore();

    @Override
    public byte[] execute(byte[] operation) {
      var op = KvOperation.decode(operation);
      if (op.isPresent() && op.get() instanceof KvOperation.Put p) {
        return store.execute(new KvOperation.Put(p.key(), p.value() + "!").encode());
      }
      return store.execute(operation);
    }

    @Override
    public byte[] snapshot() {
      return store.snapshot();
    }

    @Override
    public void restore(byte[] snapshot) {
      store.restore(snapshot);
    }
  }

  /** Replica {@code id} reports executing its batches without their first request. */
  static Simulation.PeerFactory executionRewritten(int mutant) {
    return (id, config) -> {
      Replica replica = new Replica(id, config, new KeyValueStore());
      if (id != mutant) {
        return Peer.correct(replica);
      }
      return new Peer() {
        @Override
        public int id() {
          return id;
        }

        @Override
        public List<Effect> step(Input input) {
          List<Effect> out = new ArrayList<>();
          for (Effect e : replica.step(input)) {
            if (e instanceof Effect.Execute x && x.requests().size() > 0) {
              List<Request> rest = x.requests().subList(1, x.requests().size());
              e = new Effect.Execute(x.view(), x.seq(),
                  org.pbft.core.message.Batch.digest(rest), rest);
            }
            out.add(e);
          }
          return out;
        }
      };
    };
  }

  /**
   * Every correct replica sizes its certificates for f = 0: simple majorities, as in crash-fault
   * protocols (n = 7: 3 PREPAREs, 4 COMMITs and 4 CHECKPOINTs instead of 4, 5 and 5; one
   * VIEW-CHANGE to join). At n = 4 the majority, 3, is 2f + 1 itself: only a larger group, with
   * two faulty replicas that collude, can tell the difference.
   */
  static Simulation.PeerFactory majorityQuorums() {
    return (id, c) -> Peer.correct(new Replica(id,
        new ReplicaConfig(new Quorums(c.n(), 0), c.checkpointInterval(), c.logWindow(),
            c.maxBatch(), c.viewChangeTimeout(), c.maxViewsAhead(), c.maxBatchesInFlight()),
        new KeyValueStore()));
  }

  /**
   * Replica {@code gullible} runs with a view-change timeout of one tick and believes votes no
   * one cast: after each tick it hears f+1 others vote to leave its view (a STATUS forged in
   * their name, as a replica that authenticated nothing would accept), so it leaves every view
   * on its own, the old timer rule, while the others go on serving the clients. It is still a
   * correct replica to the simulator, so the checkers judge it.
   */
  static Simulation.PeerFactory gullible(int gullible) {
    return (id, c) -> {
      Replica r = new Replica(id, id != gullible ? c
          : new ReplicaConfig(c.quorums(), c.checkpointInterval(), c.logWindow(), c.maxBatch(),
              1, c.maxViewsAhead(), c.maxBatchesInFlight()),
          new KeyValueStore());
      Peer correct = Peer.correct(r);
      if (id != gullible) {
        return correct;
      }
      return new Peer() {
        @Override
        public int id() {
          return id;
        }

        @Override
        public List<Effect> step(Input input) {
          List<Effect> out = new ArrayList<>(correct.step(input));
          if (input instanceof Input.Tick) {
            int voters = 0;
            for (int q = 0; q < c.n() && voters < c.quorums().weak(); q++) {
              if (q != id) {
                voters++;
                out.addAll(correct.step(new Input.Receive(q, new StatusReport(r.view(),
                    r.status() == Replica.Status.NORMAL, r.lowWatermark(), r.lastExecuted(), true,
                    q))));
              }
            }
          }
          return out;
        }

        @Override
        public Optional<Replica> correctReplica() {
          return Optional.of(r);
        }
      };
    };
  }

  /**
   * Replicas in {@code echoing} are correct, and besides send every message another replica sent
   * them back to it twice: two of them echo each other's echoes without end.
   */
  static Simulation.PeerFactory echo(Set<Integer> echoing) {
    return (id, config) -> {
      Peer correct = Simulation.PeerFactory.CORRECT.make(id, config);
      if (!echoing.contains(id)) {
        return correct;
      }
      return new Peer() {
        @Override
        public int id() {
          return id;
        }

        @Override
        public List<Effect> step(Input input) {
          List<Effect> out = new ArrayList<>(correct.step(input));
          if (input instanceof Input.Receive r && r.from() >= 0) {
            out.add(new Effect.Send(r.from(), r.message()));
            out.add(new Effect.Send(r.from(), r.message()));
          }
          return out;
        }
      };
    };
  }

  /** Replicas in {@code silent} never send anything. */
  static Simulation.PeerFactory silent(Set<Integer> silent) {
    return (id, config) -> {
      if (!silent.contains(id)) {
        return Simulation.PeerFactory.CORRECT.make(id, config);
      }
      return new Peer() {
        @Override
        public int id() {
          return id;
        }

        @Override
        public List<Effect> step(Input input) {
          return List.of();
        }
      };
    };
  }
}
