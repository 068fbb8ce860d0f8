package org.pbft.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.pbft.config.ClusterConfig;
import org.pbft.config.NodeId;
import org.pbft.config.NodeKeys;
import org.pbft.core.Effect;
import org.pbft.core.IgnoreTally;
import org.pbft.core.Input;
import org.pbft.core.Peer;
import org.pbft.core.SpecAction;
import org.pbft.core.TraceEvent;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Message;
import org.pbft.core.message.Prepare;
import org.pbft.net.Connection;
import org.pbft.net.Cork;
import org.pbft.net.IoLoop;
import org.pbft.net.Listener;
import org.pbft.net.OutboundLink;
import org.pbft.net.TransportStats;
import org.pbft.trace.NdjsonTrace;
import org.pbft.wire.Frame;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;
import org.pbft.wire.WireException;

/**
 * One replica process: a listener for peers and clients, a reconnecting link to every other
 * replica, and an event loop that feeds authenticated messages and ticks to the core ({@link
 * Peer}: a correct {@code Replica} or a scripted Byzantine one) and carries out its effects.
 *
 * <p>Threads: reader threads open frames (MAC, signatures, strict decoding) and queue them; the
 * event loop alone steps the core; a timer thread queues ticks. A frame that fails
 * authentication or decoding is counted by reason and dropped: it never reaches the core.
 * Without durability the event loop also carries out the effects (seals outgoing frames, writes
 * the trace); with it a {@link GroupCommitter} does, in order.
 *
 * <p>Durability (with an {@link InputLog}): the event loop takes what is queued as a group,
 * appends each input to the log before the core steps on it, and hands the group's steps to the
 * committer, which carries them out only after a sync has made the group durable (group commit,
 * pipelined: the loop steps the next group while the disk forces the last). A message, reply or
 * trace event therefore never leaves the process before every input it depends on is on disk.
 * At start the log is replayed through the core with its effects discarded (they were carried
 * out before the crash, or lost with it like messages a network loses), and the core is told
 * {@link Input.Restart}: it is the same replica, in the state of its last durable input.
 */
public final class ReplicaNode implements AutoCloseable {
  private final int id;
  private final ClusterConfig cluster;
  private Peer peer;
  private final boolean correct;
  private final SecureChannel channel;
  private final NdjsonTrace trace;
  private final NodeLog log;
  private final InputLog inputs;
  private final SnapshotCodec snapshots;
  private final long incarnation = System.currentTimeMillis();
  private final AtomicLong counter = new AtomicLong();
  private final LamportClock clock = new LamportClock();
  private final TransportStats transport = new TransportStats();
  private final DropCounters drops = new DropCounters();
  private final IgnoreTally ignored = new IgnoreTally();
  /** For the benchmark's counters: what the JIT compilers and the collector took so far. */
  private final JvmThreadsCpu.Sampler jvmThreads = new JvmThreadsCpu.Sampler();
  private final Map<Integer, Connection> clientRoutes = new ConcurrentHashMap<>();
  private final Map<NodeId, Connection> inboundByPeer = new ConcurrentHashMap<>();
  private final AtomicLong connectionsReplaced = new AtomicLong();
  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final OutboundLink[] links;
  private final Listener listener;
  private final Thread eventLoop;
  private final ScheduledExecutorService ticker;
  /** Syncs the log and carries out effects, with durability; null without. */
  private final GroupCommitter committer;
  private volatile boolean running = true;
  private long ticks;
  private volatile long executedBatches;
  private volatile long executedRequests;
  private long repliesUnroutable;
  /** The slots this replica is prepared in or executed: the PREPAREs and COMMITs for them that
   * still arrive are dropped before they are checked further or reach the core. */
  private final SettledSlots settled = new SettledSlots();
  private final AtomicLong needlessPrepares = new AtomicLong();
  private final AtomicLong needlessCommits = new AtomicLong();
  private volatile long repliesSent;
  /** A correct replica's view, status and last execution after its last step (time unset). */
  private volatile ReplicaPosition position;
  /** Before taking each frame off a connection: 0 but in a Byzantine replica. */
  private final long readPauseMillis;
  /** The low watermark and view at the last garbage collection of evidence (carrying out). */
  private long collectedAtH = -1;
  private long collectedAtView = -1;
  private long replayed;
  /** Trace events the core emitted since the replica first started (replayed ones included). */
  private long traceEvents;
  private volatile Throwable failure;
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

  /** The most inputs one group commit covers. */
  private static final int MAX_GROUP = 1024;

  private record Tick() {}

  /** Queued by {@link #close}: the event loop finishes its group and stops (no interrupt, which
   * would close the log's file channel in the middle of a write). */
  private record Stop() {}

  /**
   * A frame as it arrived (the bytes go to the input log) and as opened, with the inbox credit
   * it took from its connection (null and 0 in replay).
   */
  private record Arrived(Frame frame, byte[] bytes, Connection connection, int credit) {
    Arrived(Frame frame) {
      this(frame, null, null, 0);
    }

    void consumed() {
      if (connection != null) {
        connection.releaseInbound(credit);
      }
    }
  }

  /**
   * Starts the replica: binds its address from the cluster configuration, connects to the
   * others (retrying until they are up) and starts ticking. {@code trace} may be null (no trace).
   */
  public ReplicaNode(ClusterConfig cluster, NodeKeys keys, Peer peer, boolean correct,
      NodeOptions options, NdjsonTrace trace, NodeLog log) throws IOException {
    this(cluster, keys, peer, correct, options, trace, log, null);
  }

  /**
   * As above, durable: {@code inputs} (null for none) is replayed first, then every input is
   * logged before it takes effect.
   *
   * @throws DataDirectoryException if the log holds a frame that no longer authenticates (the
   *     keys or the configuration changed under the data directory)
   */
  public ReplicaNode(ClusterConfig cluster, NodeKeys keys, Peer peer, boolean correct,
      NodeOptions options, NdjsonTrace trace, NodeLog log, InputLog inputs) throws IOException {
    this.id = peer.id();
    this.inputs = inputs;
    this.snapshots = inputs != null && peer instanceof Peer.CorrectPeer ? new SnapshotCodec() : null;
    this.cluster = cluster;
    this.peer = peer;
    this.correct = correct;
    this.trace = trace;
    this.log = log;
    Limits limits = Limits.defaults();
    this.channel = new SecureChannel(cluster, keys, limits);
    // Bind first: a replica that cannot listen (its port is taken) fails before it connects.
    InetSocketAddress bind = cluster.address(id);
    // Room for every peer and client twice (a restarted one reconnects before its old
    // connection times out); beyond it, connections that never authenticated go first.
    int maxConnections = 2 * (cluster.n() + cluster.clients());
    this.readPauseMillis = options.readPauseMillis();
    // The process's I/O loops serve every connection, unless this replica is to read slowly (a
    // Byzantine one's option): its reads sleep, which must stop only the connection that reads.
    Supplier<IoLoop> loops = readPauseMillis > 0 ? null : IoLoop::shared;
    this.listener = new Listener(bind, options.queueBytes(), maxConnections, this::onFrame,
        transport, limits.maxFrameBytes(), "r" + id, loops);
    int n = cluster.n();
    this.links = new OutboundLink[n];
    for (int r = 0; r < n; r++) {
      if (r != id) {
        links[r] = new OutboundLink(cluster.address(r), options.queueBytes(),
            (c, f) -> { }, transport, limits.maxFrameBytes(), "r" + id + "-to-r" + r, loops);
      }
    }
    if (inputs != null && inputs.restarted()) {
      try {
        recover();
      } catch (CoreFailure e) {
        throw new DataDirectoryException("replaying the input log in " + inputs.dir() + ": "
            + e.getMessage());
      }
    }
    this.committer = inputs == null ? null : new GroupCommitter("replica-" + id + "-commit",
        inputs::sync, this::carryOut, this::commitFailed);
    this.eventLoop = new Thread(this::runEventLoop, "replica-" + id + "-events");
    eventLoop.start();
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "replica-" + id + "-ticks");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> inbox.add(new Tick()), options.tickMillis(),
        options.tickMillis(), TimeUnit.MILLISECONDS);
    log.info("listening on " + bind + (correct ? "" : " (Byzantine)") + "; Ed25519 by "
        + org.pbft.crypto.Ed25519.implementation());
  }

  /** A slow reader (a Byzantine replica's option): the connection's reader waits first. */
  private void readSlowly() {
    try {
      Thread.sleep(readPauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * On the thread that read the frame (an I/O loop, or a slow reader's connection thread):
   * authenticate and decode, then queue for the event loop. A peer has one connection: a newer
   * one that authenticates replaces the older (a restarted peer's, or one a faulty peer opens to
   * hold more of this replica's connections and memory). What a connection's frames take in the
   * inbox is bounded; beyond it the connection is not read, which slows that peer down.
   */
  private void onFrame(Connection connection, byte[] bytes) {
    if (readPauseMillis > 0) {
      readSlowly();
    }
    Frame frame = drops.open(channel, bytes, this::needless);
    if (frame == null) {
      return; // refused (and counted), or a vote for a slot this replica is done voting in
    }
    connection.markAuthenticated();
    Connection before = inboundByPeer.put(frame.from(), connection);
    if (before != null && before != connection && before.isOpen()) {
      before.close();
      connectionsReplaced.incrementAndGet();
    }
    if (frame.from().kind() == NodeId.Kind.CLIENT) {
      clientRoutes.put(frame.from().index(), connection);
    }
    int credit;
    try {
      credit = connection.holdInbound(bytes.length);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    inbox.add(new Arrived(frame, inputs == null ? null : bytes, connection, credit));
  }

  /**
   * A PREPARE for a slot this replica is prepared in (dropped before its signature is checked),
   * or a COMMIT for one it executed (before the core sees it): {@link SettledSlots}.
   */
  private boolean needless(Message m) {
    if (!settled.needless(m)) {
      return false;
    }
    (m instanceof Prepare ? needlessPrepares : needlessCommits).incrementAndGet();
    return true;
  }

  /** PREPAREs dropped before their signatures were checked: their slots were prepared. */
  public long needlessPrepares() {
    return needlessPrepares.get();
  }

  /** COMMITs dropped before their signatures were checked: their slots were executed. */
  public long needlessCommits() {
    return needlessCommits.get();
  }

  /**
   * Replays the input log through the core, effects discarded, then steps the core on {@link
   * Input.Restart} and carries that step out. Runs before the event loop starts.
   */
  private void recover() throws IOException {
    long started = System.nanoTime();
    if (inputs.snapshot().isPresent()) {
      restoreSnapshot(inputs.snapshot().get());
    }
    // A process killed after a sync but before it wrote the trace events of that group left
    // durable inputs whose events the trace lacks: replay writes them, so that the trace again
    // holds every event of every durable input, in order.
    long inTrace = trace == null || !correct ? Long.MAX_VALUE : trace.existingEvents(id);
    long rewritten = 0;
    for (InputLog.Entry entry : inputs.recovered()) {
      Object event;
      if (entry instanceof InputLog.FrameEntry f) {
        try {
          event = new Arrived(channel.reopen(f.bytes()));
        } catch (WireException e) {
          throw new DataDirectoryException("the input log in " + inputs.dir() + " holds a frame "
              + "(input " + replayed + ") that no longer authenticates: " + e.getMessage()
              + ". Were the keys or the cluster configuration regenerated? A data directory "
              + "belongs to one replica of one cluster");
        }
      } else if (entry instanceof InputLog.TickEntry) {
        event = new Tick();
      } else {
        event = Input.Restart.class;
      }
      long index = traceEvents;
      Stepped s = stepOn(event);
      for (Effect e : s.effects()) {
        if (e instanceof Effect.Trace t && correct && ++index > inTrace) {
          trace.record(s.tick(), s.lamport(), t.event());
          rewritten++;
        }
      }
      replayed++;
    }
    if (rewritten > 0) {
      trace.flush();
    }
    inputs.restart();
    Stepped restart = stepOn(Input.Restart.class);
    inputs.sync();
    carryOut(List.of(restart));
    log.info("recovered from " + inputs.dir() + ": "
        + (inputs.snapshot().isPresent() ? "a snapshot of " + inputs.snapshot().get().length
        + " bytes, then " : "") + "replayed " + replayed + " inputs in "
        + (System.nanoTime() - started) / 1_000_000 + " ms"
        + (inputs.cutTailBytes() > 0 ? ", cut a torn tail of " + inputs.cutTailBytes()
        + " bytes" : "") + (rewritten > 0 ? ", wrote the " + rewritten + " trace events the "
        + "crash kept from the trace" : "") + "; " + executedRequests + " requests executed");
  }

  private void restoreSnapshot(byte[] bytes) throws DataDirectoryException {
    if (snapshots == null) {
      throw new DataDirectoryException("the data directory " + inputs.dir() + " holds a snapshot "
          + "of a correct replica; it cannot be used by a Byzantine one");
    }
    SnapshotCodec.State s;
    try {
      s = snapshots.decode(bytes);
    } catch (IllegalArgumentException e) {
      throw new DataDirectoryException("the snapshot in " + inputs.dir() + " cannot be read ("
          + e.getMessage() + "); the replica will not start from a state it cannot vouch for");
    }
    if (s.replica().id() != id) {
      throw new DataDirectoryException("the snapshot in " + inputs.dir() + " is replica "
          + s.replica().id() + "'s, not replica " + id + "'s");
    }
    peer = Peer.correct(s.replica());
    clock.restore(s.lamport());
    ticks = s.ticks();
    traceEvents = s.traceEvents();
    executedBatches = s.executedBatches();
    executedRequests = s.executedRequests();
    channel.restore(s.channel());
  }

  /**
   * At a stable checkpoint, once the log has grown past its threshold, replaces it with a
   * snapshot of the whole replica. Runs between groups, once the committer has carried out every
   * group: every input logged is synced, and the state is the one they produced.
   */
  private void snapshotIfDue(List<Stepped> stepped) throws IOException, InterruptedException {
    if (snapshots == null || !inputs.wantsSnapshot() || !reachedStableCheckpoint(stepped)) {
      return;
    }
    committer.awaitCommitted(); // the committer is idle while the log is replaced
    if (failure != null) {
      return;
    }
    inputs.sync();
    Peer.CorrectPeer correctPeer = (Peer.CorrectPeer) peer;
    inputs.snapshot(snapshots.encode(new SnapshotCodec.State(correctPeer.replica(), clock.now(),
        ticks, traceEvents, executedBatches, executedRequests, channel.memory())));
  }

  private static boolean reachedStableCheckpoint(List<Stepped> stepped) {
    for (Stepped s : stepped) {
      for (Effect e : s.effects()) {
        if (e instanceof Effect.Trace t && (t.event().action() == SpecAction.StableCheckpoint
            || t.event().action() == SpecAction.StateTransfer)) {
          return true;
        }
      }
    }
    return false;
  }

  private void runEventLoop() {
    List<Object> group = new ArrayList<>();
    List<Stepped> stepped = new ArrayList<>();
    try {
      while (running) {
        group.clear();
        stepped.clear();
        group.add(inbox.take());
        inbox.drainTo(group, MAX_GROUP - 1);
        boolean external = false;
        boolean stop = group.removeIf(e -> e instanceof Stop);
        for (Object event : group) {
          if (event instanceof Arrived a) {
            a.consumed();
          }
          log(event);
          Stepped s = stepOn(event);
          stepped.add(s);
          external |= s.leavesTheProcess();
        }
        if (committer == null) {
          carryOut(stepped);
        } else {
          committer.submit(stepped, external); // group commit: carried out once durable
        }
        if (stop) {
          return;
        }
        snapshotIfDue(stepped);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      failWriting(e);
    } catch (CoreFailure e) {
      fail(e.getMessage(), e.getCause());
    } catch (RuntimeException | Error e) {
      fail("internal error: " + e, e);
    } finally {
      finishCommits();
      stopped.countDown();
    }
  }

  /** The committer could not make a group durable, or carry it out: stop the event loop. */
  private void commitFailed(Throwable e) {
    if (e instanceof IOException io) {
      failWriting(io);
    } else {
      fail("internal error while sending: " + e, e);
    }
    inbox.add(new Stop());
  }

  private void failWriting(IOException e) {
    fail("cannot write the input log in " + inputs.dir() + ": " + e.getMessage()
        + "; the replica stops rather than send what it could forget", e);
  }

  private void finishCommits() {
    if (committer == null) {
      return;
    }
    try {
      committer.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void fail(String message, Throwable e) {
    if (failure != null) {
      return; // the first failure is the one to report
    }
    failure = e;
    running = false;
    log.info("FATAL: " + message);
    log.stackTrace(e);
  }

  private void log(Object event) {
    if (inputs == null) {
      return;
    }
    if (event instanceof Arrived a) {
      inputs.frame(a.bytes());
    } else {
      inputs.tick();
    }
  }

  /** Steps the core on one event: an arrived frame, a tick, or Input.Restart.class. */
  private Stepped stepOn(Object event) {
    List<Effect> effects;
    try {
      if (event instanceof Arrived a) {
        Frame f = a.frame();
        clock.receive(f.lamport());
        int from = f.from().kind() == NodeId.Kind.REPLICA ? f.from().index() : Input.CLIENT;
        effects = peer.step(new Input.Receive(from, f.message()));
      } else if (event instanceof Tick) {
        clock.tick();
        ticks++;
        effects = peer.step(new Input.Tick());
      } else {
        clock.tick(); // the Restart event comes after every event written before the crash
        effects = peer.step(new Input.Restart());
      }
    } catch (RuntimeException | AssertionError e) {
      // The core broke its own invariant (or has a bug): its state may be half updated, and a
      // replica never serves from a state it cannot vouch for. Fail-stop: nothing of this step
      // leaves, the event loop stops, the process exits non-zero. (A restart replays the same
      // input into the same failure, the core being deterministic: the replica stays down
      // until the bug is fixed, or its directory is moved away and it rejoins by state transfer.)
      throw new CoreFailure(describe(event), e);
    }
    for (Effect e : effects) {
      if (e instanceof Effect.Trace) {
        traceEvents++;
      } else if (e instanceof Effect.Execute x) {
        settled.executed(x.view(), x.seq()); // further COMMITs for the slot are needless
        executedBatches++;
        executedRequests += x.requests().size();
      } else if (e instanceof Effect.Ignore i) {
        ignored.add(i.reason());
      }
    }
    if (event instanceof Arrived a && !Effect.ignores(effects, a.frame().message())) {
      // Its signatures may go into certificates this replica sends later; those of a message
      // the core ignored never do, so a peer cannot make the channel hold more than the core.
      channel.keep(a.frame());
    }
    if (peer instanceof Peer.CorrectPeer c) {
      org.pbft.core.Replica r = c.replica();
      position = new ReplicaPosition(0, r.view(), r.status() == org.pbft.core.Replica.Status.NORMAL,
          r.lastExecuted(), r.timeoutsBehind());
      return new Stepped(effects, clock.now(), ticks, c.replica().lowWatermark(),
          c.replica().view());
    }
    return new Stepped(effects, clock.now(), ticks);
  }

  private static String describe(Object event) {
    if (event instanceof Arrived a) {
      return a.frame().message().getClass().getSimpleName() + " from " + a.frame().from();
    }
    return event instanceof Tick ? "a tick" : "the restart";
  }

  private void carryOut(List<Stepped> steps) {
    boolean traced = false;
    Cork.cork(); // the group's frames to one connection leave in one write
    try {
      for (Stepped s : steps) {
        for (Effect e : s.effects()) {
          traced |= carryOut(e, s.lamport(), s.tick());
        }
        collectEvidence(s);
      }
    } finally {
      Cork.uncork();
    }
    if (traced) {
      trace.flush();
    }
  }

  /**
   * Once the messages of a step are sealed, forgets the signatures the core's log no longer
   * needs. Here and not when the core steps: the committer may still have to seal an earlier
   * step's VIEW-CHANGE that shows them.
   */
  private void collectEvidence(Stepped s) {
    if (s.lowWatermark() < 0
        || s.lowWatermark() == collectedAtH && s.view() == collectedAtView) {
      return;
    }
    channel.collectGarbage(s.lowWatermark(), s.view());
    collectedAtH = s.lowWatermark();
    collectedAtView = s.view();
  }

  /** Carries out one effect of a step taken at {@code lamport}; true if it wrote a trace event. */
  private boolean carryOut(Effect e, long lamport, long tick) {
    if (e instanceof Effect.Send s) {
      sendToReplica(s.to(), s.message(), lamport);
    } else if (e instanceof Effect.Broadcast b) {
      if (b.message() instanceof Commit c) {
        settled.prepared(c.view(), c.seq()); // further PREPAREs for the slot are needless
      }
      broadcast(b.message(), lamport);
    } else if (e instanceof Effect.SendReply r) {
      int client = (int) r.reply().clientId();
      Connection route = clientRoutes.get(client);
      if (route == null || !route.isOpen()) {
        repliesUnroutable++;
      } else {
        route.send(seal(NodeId.client(client), r.reply(), lamport));
        repliesSent++;
      }
    } else if (e instanceof Effect.Trace t && correct) {
      logInteresting(t.event());
      if (trace != null) {
        trace.record(tick, lamport, t.event());
        return true;
      }
    }
    return false;
  }

  /** To every other replica: encoded and signed once, each frame with its own header and MAC. */
  private void broadcast(Message m, long lamport) {
    List<NodeId> others = new ArrayList<>(cluster.n() - 1);
    for (int r = 0; r < cluster.n(); r++) {
      if (r != id) {
        others.add(NodeId.replica(r));
      }
    }
    if (others.isEmpty()) {
      return;
    }
    long[] counters = new long[others.size()];
    for (int i = 0; i < counters.length; i++) {
      counters[i] = counter.incrementAndGet();
    }
    byte[][] frames = channel.sealEach(others, incarnation, counters, lamport, m);
    for (int i = 0; i < frames.length; i++) {
      links[others.get(i).index()].send(frames[i]);
    }
  }

  private void sendToReplica(int to, Message m, long lamport) {
    if (to >= 0 && to < cluster.n() && to != id) {
      links[to].send(seal(NodeId.replica(to), m, lamport));
    }
  }

  private byte[] seal(NodeId to, Message m, long lamport) {
    return channel.seal(to, incarnation, counter.incrementAndGet(), lamport, m);
  }

  private void logInteresting(TraceEvent e) {
    SpecAction a = e.action();
    switch (a) {
      case StartViewChange, JoinViewChange ->
          log.info(a + ": moving to view " + e.view() + " (" + executedBatches
              + " batches executed)");
      case SendNewView, ReceiveNewView ->
          log.info(a + ": entered view " + e.view() + ", primary " + (e.view() % cluster.n())
              + ", checkpoint " + e.seq());
      case StableCheckpoint -> log.info("stable checkpoint " + e.seq());
      case StateTransfer -> log.info("state transfer to checkpoint " + e.seq());
      default -> { }
    }
  }

  /**
   * A line of the counters file ({@code pbft replica --counters}): {@link #workCounters}, and
   * for a correct replica where it stands after its last step.
   */
  public String countersLine() {
    WorkCounters work = workCounters();
    ReplicaPosition p = position;
    return p == null ? work.toLine() : work.toLine() + " " + new ReplicaPosition(work.millis(),
        p.view(), p.normal(), p.lastExecuted(), p.timeoutsBehind()).toLine();
  }

  /** What this process has done so far, for the benchmark ({@code pbft replica --counters}). */
  public WorkCounters workCounters() {
    JvmThreadsCpu jvm = jvmThreads.sample();
    return new WorkCounters(System.currentTimeMillis(), repliesSent, executedBatches,
        org.pbft.crypto.Ed25519.signed(), org.pbft.crypto.Ed25519.verified(),
        org.pbft.crypto.Hmac.computed(), transport.framesSent(), transport.framesReceived(),
        transport.bytesSent(), transport.bytesReceived(), inputs == null ? 0 : inputs.syncs(),
        WorkCounters.processCpuNanos(), jvm.compilerNanos(), jvm.gcNanos());
  }

  /** Frames dropped before the core, by reason. */
  public DropCounters drops() {
    return drops;
  }

  /** A one-line summary of what this replica did and dropped. */
  public String summary() {
    return "executed " + executedRequests + " requests in " + executedBatches + " batches; "
        + "dropped frames " + drops.describe() + "; ignored " + ignored + "; transport: "
        + transport + (connectionsReplaced.get() > 0 ? "; connections replaced by a newer one "
        + "of the same peer " + connectionsReplaced.get() : "")
        + "; signatures kept as evidence " + channel.knownSignatures()
        + "; PREPAREs for slots already prepared, dropped unchecked " + needlessPrepares.get()
        + "; COMMITs for slots already executed, dropped unchecked " + needlessCommits.get()
        + (repliesUnroutable > 0 ? "; replies without a client connection "
        + repliesUnroutable : "") + (inputs == null ? "" : "; input log: " + inputs.records()
        + " inputs in " + inputs.syncs() + " syncs, " + inputs.snapshots() + " snapshots");
  }

  /**
   * Waits until the event loop stops (after {@link #close}, or on a fatal error); returns the
   * fatal error, or null.
   */
  public Throwable awaitStop() throws InterruptedException {
    stopped.await();
    return failure;
  }

  /** The fatal error that stopped the replica, or null while it runs or after a clean close. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() {
    running = false;
    ticker.shutdownNow();
    inbox.add(new Stop());
    try {
      eventLoop.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener.close();
    for (OutboundLink l : links) {
      if (l != null) {
        l.close();
      }
    }
    if (trace != null) {
      trace.close();
    }
    if (inputs != null) {
      try {
        inputs.close();
      } catch (IOException e) {
        log.info("cannot close the input log in " + inputs.dir() + ": " + e.getMessage());
      }
    }
  }
}
