package org.pbft.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.pbft.core.message.Message;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.service.KeyValueStore;
import org.pbft.sim.check.InvariantChecker;

/**
 * A deterministic in-memory cluster for scenario tests: correct replicas, a FIFO queue of messages
 * in flight that a test delivers, drops or reorders explicitly, and replicas in {@code byzantine}
 * that have no state: the test speaks for them with {@link #inject}. The spec's invariants are
 * checked after every step, by the simulator's {@link InvariantChecker}: one implementation of
 * each invariant for the scenario tests and the simulator.
 */
final class Cluster {

  /** A message in flight. */
  record Envelope(int from, int to, Message message) {}

  final ReplicaConfig config;
  private final Map<Integer, Replica> replicas = new TreeMap<>();
  private final Set<Integer> byzantine;
  private final Deque<Envelope> network = new ArrayDeque<>();
  private final Map<Integer, List<Effect>> effects = new HashMap<>();
  private final List<Envelope> toByzantine = new ArrayList<>();
  private final List<Reply> replies = new ArrayList<>();
  private final InvariantChecker invariants;

  Cluster(ReplicaConfig config, Set<Integer> byzantine) {
    this.config = config;
    this.byzantine = Set.copyOf(byzantine);
    this.invariants = new InvariantChecker(config, byzantine.size());
    for (int i = 0; i < config.n(); i++) {
      if (!byzantine.contains(i)) {
        replicas.put(i, new Replica(i, config, new KeyValueStore()));
        effects.put(i, new ArrayList<>());
      }
    }
  }

  /** n = 4, f = 1, K = 2, L = 4, batches of up to 2, timeout 10 ticks. */
  static ReplicaConfig smallConfig() {
    return new ReplicaConfig(Quorums.forReplicas(4), 2, 4, 2, 10, 4);
  }

  static Cluster correct() {
    return new Cluster(smallConfig(), Set.of());
  }

  static Cluster withByzantine(int... ids) {
    Set<Integer> set = new java.util.HashSet<>();
    for (int i : ids) {
      set.add(i);
    }
    return new Cluster(smallConfig(), set);
  }

  /**
   * Replica 0, the primary of view 0, is Byzantine and silent; client 1's request 1 reached
   * replicas 1, 2 and 3, whose timers expired: they moved to view 1, and their VIEW-CHANGEs are
   * in flight.
   */
  static Cluster afterASilentPrimaryTimedOut() {
    Cluster c = withByzantine(0);
    for (int id = 1; id <= 3; id++) {
      c.submit(id, Msgs.req(1, 1));
    }
    c.timeOutTogether(10, 1, 2, 3);
    return c;
  }

  /**
   * {@code ticks} ticks pass, and the correct replicas {@code ids}, which wait where they are,
   * see each other's STATUS before the last one (as their STATUS exchange would show them): their
   * timers then find f+1 others stuck as they are and suspect the primary
   * (ViewChanging#onViewChangeTimeout); then each sees the others' STATUS again, with their
   * votes, and they leave the view together once 2f+1 vote (ViewChanging#startViewChange). A
   * Byzantine replica among {@code ids} says it waits where each of them does, and votes.
   */
  void timeOutTogether(int ticks, int... ids) {
    tick(ticks - 1);
    exchangeStatus(ids);
    tick(1);
    for (int round = 0; round < ids.length; round++) {
      exchangeStatus(ids); // a vote cast on the others' votes reaches them in the next round
    }
  }

  /** Replica {@code to} receives a STATUS from each of {@code from} voting to leave its view. */
  void votesToLeave(int to, int... from) {
    Replica r = replicas.get(to);
    for (int q : from) {
      inject(q, to, new org.pbft.core.message.StatusReport(r.view(),
          r.status() == Replica.Status.NORMAL, r.lowWatermark(), r.lastExecuted(), true, q));
    }
  }

  /** Each of {@code ids} receives the STATUS of each other one, as it would send it now. */
  private void exchangeStatus(int... ids) {
    for (int a : ids) {
      for (int b : ids) {
        if (a != b && replicas.containsKey(a)) {
          org.pbft.core.message.StatusReport own = statusOf(a);
          inject(b, a, replicas.containsKey(b) ? statusOf(b)
              : new org.pbft.core.message.StatusReport(own.view(), own.normal(),
                  own.stableCheckpoint(), own.lastExecuted(), own.suspects(), b));
        }
      }
    }
  }

  /** The STATUS that correct replica {@code id} would send now. */
  org.pbft.core.message.StatusReport statusOf(int id) {
    Replica r = replicas.get(id);
    return new org.pbft.core.message.StatusReport(r.view(),
        r.status() == Replica.Status.NORMAL, r.lowWatermark(), r.lastExecuted(),
        r.suspectedView() == r.view(), id);
  }

  Replica replica(int id) {
    return replicas.get(id);
  }

  /** A client sends {@code r} to replica {@code to}. */
  List<Effect> submit(int to, Request r) {
    return inject(Input.CLIENT, to, r);
  }

  /** Steps replica {@code to} on {@code m} from {@code from} now, bypassing the queue. */
  List<Effect> inject(int from, int to, Message m) {
    return step(to, new Input.Receive(from, m));
  }

  /** Delivers the oldest message in flight; false if there is none. */
  boolean deliverNext() {
    Envelope e = network.pollFirst();
    if (e == null) {
      return false;
    }
    step(e.to(), new Input.Receive(e.from(), e.message()));
    return true;
  }

  /** Delivers until nothing is in flight; returns the number of deliveries. */
  int deliverAll() {
    int delivered = 0;
    while (deliverNext()) {
      if (++delivered > 1_000_000) {
        throw new AssertionError("messages never stop: a livelock");
      }
    }
    return delivered;
  }

  /** Delivers in order every message in flight that matches, leaving the others queued. */
  int deliverMatching(Predicate<Envelope> which) {
    int delivered = 0;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Iterator<Envelope> it = network.iterator(); it.hasNext(); ) {
        Envelope e = it.next();
        if (which.test(e)) {
          it.remove();
          step(e.to(), new Input.Receive(e.from(), e.message()));
          delivered++;
          progress = true;
          break;
        }
      }
    }
    return delivered;
  }

  /** Drops every message in flight that matches. */
  int drop(Predicate<Envelope> which) {
    int before = network.size();
    network.removeIf(which);
    return before - network.size();
  }

  List<Envelope> inFlight() {
    return List.copyOf(network);
  }

  /** Messages correct replicas sent to Byzantine ones (they are not queued). */
  List<Envelope> sentToByzantine() {
    return List.copyOf(toByzantine);
  }

  /** Every correct replica sees {@code ticks} ticks pass. */
  void tick(int ticks) {
    for (int t = 0; t < ticks; t++) {
      for (int id : replicas.keySet()) {
        step(id, new Input.Tick());
      }
    }
  }

  List<Effect> effectsOf(int id) {
    return List.copyOf(effects.get(id));
  }

  List<Reply> replies() {
    return List.copyOf(replies);
  }

  private List<Effect> step(int to, Input input) {
    Replica r = replicas.get(to);
    if (r == null) {
      if (input instanceof Input.Receive rec) {
        toByzantine.add(new Envelope(rec.from(), to, rec.message()));
      }
      return List.of();
    }
    List<Effect> out = r.step(input);
    effects.get(to).addAll(out);
    for (Effect e : out) {
      route(to, e);
    }
    if (invariants.violated()) {
      throw new AssertionError("after replica " + to + " took " + input + ": "
          + invariants.violations().get(0));
    }
    return out;
  }

  private void route(int from, Effect e) {
    if (e instanceof Effect.Send s) {
      enqueue(from, s.to(), s.message());
    } else if (e instanceof Effect.Broadcast b) {
      for (int to = 0; to < config.n(); to++) {
        if (to != from) {
          enqueue(from, to, b.message());
        }
      }
    } else if (e instanceof Effect.SendReply r) {
      replies.add(r.reply());
      invariants.observeReply(r.reply());
    } else if (e instanceof Effect.Execute x) {
      invariants.observeExecute(from, x);
    }
    if (e instanceof Effect.Broadcast b) {
      invariants.observeSent(from, b.message());
    }
  }

  private void enqueue(int from, int to, Message m) {
    if (byzantine.contains(to)) {
      toByzantine.add(new Envelope(from, to, m));
    } else {
      network.addLast(new Envelope(from, to, m));
    }
  }
}
