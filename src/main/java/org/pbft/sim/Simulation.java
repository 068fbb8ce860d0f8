package org.pbft.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.pbft.client.Client;
import org.pbft.client.ClientOutput;
import org.pbft.core.Effect;
import org.pbft.core.IgnoreTally;
import org.pbft.core.Input;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.SpecAction;
import org.pbft.core.TraceEvent;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Message;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;
import org.pbft.sim.byzantine.ByzantinePeer;
import org.pbft.sim.byzantine.Strategy;
import org.pbft.sim.check.AgreementChecker;
import org.pbft.sim.check.ConvergenceChecker;
import org.pbft.sim.check.InvariantChecker;
import org.pbft.sim.check.LinearizabilityChecker;
import org.pbft.sim.check.LivenessChecker;
import org.pbft.sim.check.TrafficChecker;
import org.pbft.sim.check.Violation;
import org.pbft.trace.TraceSink;
import org.pbft.wire.Frame;

/**
 * One deterministic run of a replica group from a seed. Every random choice (network delays,
 * loss, duplication, order, partitions, the workload, the Byzantine replica's choices) comes
 * from a {@link SplittableRandom} seeded with the seed, and time is logical ticks, so a seed
 * replays the same run exactly.
 *
 * <p>Each tick: the network starts or ends partitions, delivers the messages due (one step of
 * the receiver each), then every replica and client sees the tick, then idle clients may start
 * their next operation. During the fault phase a correct replica may also be paused ({@link
 * Pauses}, {@link SlowReplica}). The spec's invariants and agreement are checked on every step of
 * every correct replica; liveness every tick once the network healed; linearizability at the
 * end. Once the clients are done the run goes on, for up to the convergence bound, until every
 * correct replica is back in the group ({@link ConvergenceChecker}): a run does not end while a
 * replica is still legitimately catching up, and one that never does is a violation. The
 * messages in flight are bounded every tick ({@link TrafficChecker}), so that replicas echoing
 * each other end the run with a violation instead of never ending it.
 */
public final class Simulation {

  /**
   * How messages travel: passed directly, or sealed and opened by the real {@link
   * org.pbft.wire.SecureChannel} of each node ({@link SimWire}), where the Byzantine replica also
   * attacks its frames ({@link WireAttacks}). {@code SEALED_WITHOUT_EVIDENCE} keeps no signature
   * as evidence: it exists to show that a campaign catches that.
   */
  public enum Wire { DIRECT, SEALED, SEALED_WITHOUT_EVIDENCE }

  /** Makes the correct replica {@code id}: the simulator's way to run a mutant in tests. */
  @FunctionalInterface
  public interface PeerFactory {
    PeerFactory CORRECT =
        (id, config) -> Peer.correct(new Replica(id, config, new KeyValueStore()));

    Peer make(int id, ReplicaConfig config);
  }

  private final long seed;
  private final SimParams params;
  private final ReplicaConfig config;
  private final int n;
  private final Peer[] peers;
  private final Set<Integer> byzantine = new TreeSet<>();
  private final String strategyName;
  private final Client[] clients;
  private final Network network;
  private final Workload workload;
  private final SplittableRandom think;
  private final TraceSink trace;
  private final InvariantChecker invariants;
  private final AgreementChecker agreement = new AgreementChecker();
  private final LivenessChecker liveness;
  private final ConvergenceChecker convergence;
  private final TrafficChecker traffic;
  private final SlowReplica slow;
  /** The tick the clients were done and the network healed, or -1 before. */
  private long settledAt = -1;
  private final List<Violation> violations = new ArrayList<>();

  private final List<Operation> history = new ArrayList<>();
  /** Per client: index in {@link #history} of its outstanding operation, or -1. */
  private final int[] outstanding;
  private final int[] issued;
  private final long[] idleUntil;
  private long now;
  private long order;
  private long steps;
  private long delivered;
  private final Set<Long> viewsEntered = new HashSet<>();
  private final Set<Long> stableCheckpoints = new HashSet<>();
  private long stateTransfers;
  private final IgnoreTally ignored = new IgnoreTally();
  /** The real wire, or null when messages pass directly. */
  private final SimWire wire;
  private final WireAttacks attacks;

  public Simulation(long seed, SimParams params, Strategy strategy) {
    this(seed, params, strategy, PeerFactory.CORRECT, TraceSink.NONE);
  }

  public Simulation(long seed, SimParams params, Strategy strategy, PeerFactory correct,
      TraceSink trace) {
    this(seed, params, strategy, correct, trace, Wire.DIRECT);
  }

  /** One Byzantine replica playing {@code strategy} (none if null), whatever f is. */
  public Simulation(long seed, SimParams params, Strategy strategy, PeerFactory correct,
      TraceSink trace, Wire wireMode) {
    this(seed, params, strategy == null ? List.of() : List.of(strategy), correct, trace,
        wireMode);
  }

  /**
   * One Byzantine replica for each strategy of {@code faulty} (at most f of them): each strategy
   * chooses its replica, and a replica already taken passes the choice on to the next free id.
   */
  public Simulation(long seed, SimParams params, List<Strategy> faulty, PeerFactory correct,
      TraceSink trace, Wire wireMode) {
    this.seed = seed;
    this.params = params;
    this.config = params.replicaConfig();
    this.n = config.n();
    if (faulty.size() > config.quorums().f()) {
      throw new IllegalArgumentException(faulty.size() + " Byzantine replicas, but n = " + n
          + " tolerates f = " + config.quorums().f());
    }
    this.trace = trace;
    SplittableRandom root = new SplittableRandom(seed);
    this.network = new Network(n, params.faults(), root.split());
    this.workload = new Workload(params.keys(), root.split());
    this.think = root.split();
    SplittableRandom adversary = root.split();
    this.peers = new Peer[n];
    Strategy[] playing = new Strategy[n];
    for (Strategy s : faulty) {
      int id = s.replica(n, adversary);
      while (playing[id] != null) {
        id = (id + 1) % n;
      }
      playing[id] = s;
      // split here, as when there was one Byzantine replica: its seeds replay as they did
      peers[id] = new ByzantinePeer(id, config, s, adversary.split());
      byzantine.add(id);
    }
    for (int i = 0; i < n; i++) {
      if (playing[i] == null) {
        peers[i] = correct.make(i, config);
      }
    }
    this.strategyName = faulty.isEmpty() ? "none" : faulty.get(0).name();
    this.invariants = new InvariantChecker(config, byzantine.size());
    this.liveness = new LivenessChecker(params.faultTicks(), params.livenessBound());
    if (wireMode == Wire.DIRECT) {
      this.wire = null;
      this.attacks = null;
    } else {
      this.wire = new SimWire(n, params.clients(), root.split(), wireMode == Wire.SEALED);
      this.attacks = new WireAttacks(wire, root.split());
    }
    // split last, so that the other sources draw what they drew before pauses existed
    this.slow = new SlowReplica(params.pauses(), root.split());
    this.convergence = new ConvergenceChecker(params.convergenceBound());
    this.traffic = new TrafficChecker(n);
    this.clients = new Client[params.clients()];
    this.outstanding = new int[params.clients()];
    this.issued = new int[params.clients()];
    this.idleUntil = new long[params.clients()];
    for (int c = 0; c < clients.length; c++) {
      clients[c] = new Client(c + 1, config.quorums(), params.clientRetransmit());
      outstanding[c] = -1;
    }
  }

  /** Runs until every operation completed or a check failed. */
  public RunResult run() {
    long limit = params.faultTicks() + (params.opsPerClient() + 1L)
        * (params.livenessBound() + params.maxThinkTicks() + 1);
    for (now = 0; violations.isEmpty(); now++) {
      if (now == params.faultTicks()) {
        network.setConditions(params.faults().healed());
      }
      network.tick(now);
      pauses();
      for (Envelope e = network.pollDue(now); e != null && violations.isEmpty();
          e = network.pollDue(now)) {
        if (slow.isPaused(e.to())) {
          slow.hold(e);
        } else {
          deliver(e);
        }
      }
      for (int i = 0; i < n && violations.isEmpty(); i++) {
        if (slow.isPaused(i)) {
          slow.missTick();
        } else {
          step(i, new Input.Tick());
        }
      }
      for (int c = 0; c < clients.length; c++) {
        clientOutputs(c, clients[c].tick());
      }
      startOperations();
      if (violations.isEmpty()) {
        traffic.check(now, network.inFlight(), () -> network.busiest(3))
            .ifPresent(violations::add);
      }
      if (violations.isEmpty() && done() && settled()) {
        break;
      }
      livenessNow();
      if (settledAt < 0 && now > limit) {
        violations.add(new Violation("Liveness", "run did not end by tick " + limit));
      }
    }
    if (violations.isEmpty()) {
      LinearizabilityChecker.check(history).ifPresent(violations::add);
    }
    long retransmissions = 0;
    long readOnly = 0;
    long fallbacks = 0;
    for (Client c : clients) {
      retransmissions += c.retransmissions();
      readOnly += c.readOnlyCompleted();
      fallbacks += c.readOnlyFallbacks();
    }
    long completed = history.stream().filter(Operation::completed).count();
    RunStats stats = new RunStats(completed, viewsEntered.size(), stableCheckpoints.size(),
        stateTransfers, now, delivered, network.lost(), network.partitions(), retransmissions,
        readOnly, fallbacks, slow.count(), slow.pausedTicks(),
        settledAt < 0 ? 0 : now - settledAt);
    return new RunResult(seed, strategyName, List.copyOf(byzantine), stats, history, violations, ignored.nonZero(), wire == null ? Map.of() : wire.drops());
  }

  /**
   * Starts or ends a pause of the slow replica. The one that resumes takes its backlog, ticks
   * and messages in the order it missed them; a violation meanwhile stops the replay.
   */
  private void pauses() {
    List<Integer> correct = new ArrayList<>();
    long highest = 0;
    for (int i = 0; i < n; i++) {
      if (!byzantine.contains(i) && peers[i].correctReplica().isPresent()) {
        correct.add(i);
        highest = Math.max(highest, peers[i].correctReplica().get().view());
      }
    }
    SlowReplica.Resumed r = slow.tick(now, params.faultTicks(), correct,
        config.primary(highest));
    if (r == null) {
      return;
    }
    for (Envelope e : r.backlog()) {
      if (!violations.isEmpty()) {
        return;
      }
      if (e == null) {
        step(r.replica(), new Input.Tick());
      } else {
        deliver(e);
      }
    }
  }

  /**
   * Once the clients are done and the network healed: whether every correct replica is back in
   * the group, and a violation if the convergence bound passed without it.
   */
  private boolean settled() {
    if (now < params.faultTicks()) {
      return false;
    }
    if (settledAt < 0) {
      settledAt = now;
    }
    Map<Integer, Replica> correct = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      java.util.Optional<Replica> r = peers[i].correctReplica();
      if (!byzantine.contains(i) && r.isPresent()) {
        correct.put(i, r.get());
      }
    }
    if (ConvergenceChecker.outOfGroup(correct).isEmpty()) {
      return true;
    }
    convergence.check(correct, settledAt, now).ifPresent(violations::add);
    return false;
  }

  private boolean done() {
    for (int c = 0; c < clients.length; c++) {
      if (outstanding[c] >= 0 || issued[c] < params.opsPerClient()) {
        return false;
      }
    }
    return true;
  }

  private void livenessNow() {
    if (now < params.faultTicks()) {
      return;
    }
    for (int c = 0; c < clients.length; c++) {
      if (outstanding[c] >= 0) {
        Operation op = history.get(outstanding[c]);
        if (now > liveness.deadline(op)) {
          liveness.check(List.of(op), now).ifPresent(violations::add);
          return;
        }
      }
    }
  }

  private void startOperations() {
    for (int c = 0; c < clients.length; c++) {
      if (outstanding[c] < 0 && issued[c] < params.opsPerClient() && now >= idleUntil[c]) {
        Workload.Invocation next = workload.nextInvocation(c + 1, issued[c]);
        KvOperation op = next.op();
        issued[c]++;
        List<ClientOutput> out = next.readOnly()
            ? clients[c].invokeReadOnly(op.encode())
            : clients[c].invoke(op.encode());
        Request r = requestOf(out.get(0));
        outstanding[c] = history.size();
        history.add(Operation.pending(c + 1, r.timestamp(), op, now, order++));
        clientOutputs(c, out);
      }
    }
  }

  private static Request requestOf(ClientOutput o) {
    return o instanceof ClientOutput.Send s ? s.request() : ((ClientOutput.Broadcast) o).request();
  }

  private void clientOutputs(int c, List<ClientOutput> outputs) {
    int address = n + c;
    for (ClientOutput o : outputs) {
      if (o instanceof ClientOutput.Send s) {
        send(address, s.replica(), s.request(), true);
      } else if (o instanceof ClientOutput.Broadcast b) {
        for (int i = 0; i < n; i++) {
          send(address, i, b.request(), true);
        }
      } else if (o instanceof ClientOutput.Completed done) {
        int index = outstanding[c];
        history.set(index, history.get(index).complete(now, order++,
            KvResult.decode(done.result())));
        outstanding[c] = -1;
        idleUntil[c] = now + think.nextInt(params.maxThinkTicks() + 1);
      }
    }
  }

  /** {@code m} from address {@code from} to address {@code to}: sealed, on the real wire. */
  private void send(int from, int to, Message m, boolean correct) {
    byte[] frame = null;
    if (wire != null) {
      try {
        frame = correct ? wire.seal(from, to, m) : attacks.frame(from, to, m);
      } catch (RuntimeException e) {
        if (correct) {
          throw e; // a correct node that cannot seal what it sends: a crash, as a violation
        }
        return; // the Byzantine replica's message cannot be sealed (or addressed) at all
      }
    }
    network.send(now, from, to, m, frame);
  }

  private void deliver(Envelope e) {
    delivered++;
    Message m = e.message();
    Frame frame = null;
    if (e.frame() != null) {
      frame = wire.open(e.to(), e.frame());
      if (frame == null) {
        return; // refused by the receiver's channel, counted there
      }
      m = frame.message();
    }
    if (e.to() < n) {
      int from = e.from() < n ? e.from() : Input.CLIENT;
      List<Effect> effects = step(e.to(), new Input.Receive(from, m));
      if (frame != null && effects != null && accepted(e.to(), effects, m)) {
        wire.keep(e.to(), frame);
      }
    } else if (m instanceof Reply reply) {
      clientOutputs(e.to() - n, clients[e.to() - n].onReply(reply));
    }
  }

  /**
   * Whether replica {@code id}'s core kept {@code m}: its signatures may then go into what it
   * sends later. The Byzantine replica keeps everything, to forward whatever it likes.
   */
  private boolean accepted(int id, List<Effect> effects, Message m) {
    return byzantine.contains(id) || !Effect.ignores(effects, m);
  }

  /** Steps replica {@code id}; its effects, or null if it threw. */
  private List<Effect> step(int id, Input input) {
    steps++;
    boolean correct = !byzantine.contains(id);
    List<Effect> effects;
    try {
      effects = peers[id].step(input);
    } catch (RuntimeException | AssertionError ex) {
      if (correct) {
        violations.add(new Violation("Crash", "replica " + id + " threw " + ex + " on " + input));
      }
      return null;
    }
    for (Effect e : effects) {
      route(id, correct, e);
    }
    if (wire != null && peers[id] instanceof Peer.CorrectPeer c) {
      // after the step's messages are sealed, as ReplicaNode collects after carrying them out
      wire.collectGarbage(id, c.replica().lowWatermark(), c.replica().view());
    }
    if (violations.isEmpty()) {
      violations.addAll(invariants.violations());
      violations.addAll(agreement.violations());
    }
    return effects;
  }

  private void route(int from, boolean correct, Effect e) {
    if (e instanceof Effect.Send s) {
      sent(from, correct, s.message());
      if (s.to() >= 0 && s.to() < n && s.to() != from) {
        send(from, s.to(), s.message(), correct);
      }
    } else if (e instanceof Effect.Broadcast b) {
      sent(from, correct, b.message());
      for (int to = 0; to < n; to++) {
        if (to != from) {
          send(from, to, b.message(), correct);
        }
      }
    } else if (e instanceof Effect.SendReply r) {
      long client = r.reply().clientId();
      if (correct) {
        invariants.observeReply(r.reply());
      }
      if (client >= 1 && client <= clients.length) {
        send(from, n + (int) client - 1, r.reply(), correct);
      }
    } else if (e instanceof Effect.Execute x && correct) {
      invariants.observeExecute(from, x);
      agreement.observeExecute(from, x);
    } else if (e instanceof Effect.Trace t && correct) {
      traced(t.event());
    } else if (e instanceof Effect.Ignore i && correct) {
      ignored.add(i.reason());
    }
  }

  private void sent(int from, boolean correct, Message m) {
    if (!correct) {
      return;
    }
    invariants.observeSent(from, m);
    if (m instanceof Checkpoint c) {
      agreement.observeCheckpoint(from, c);
    }
  }

  private void traced(TraceEvent event) {
    trace.record(now, steps, event);
    if (event.action() == SpecAction.SendNewView || event.action() == SpecAction.ReceiveNewView) {
      viewsEntered.add(event.view());
    } else if (event.action() == SpecAction.StableCheckpoint) {
      stableCheckpoints.add(event.seq());
    } else if (event.action() == SpecAction.StateTransfer) {
      stableCheckpoints.add(event.seq());
      stateTransfers++;
    }
  }
}
