package org.pbft.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.pbft.config.ClusterConfig;
import org.pbft.config.NodeId;
import org.pbft.config.NodeKeys;
import org.pbft.core.Effect;
import org.pbft.core.IgnoreReason;
import org.pbft.core.Input;
import org.pbft.core.SpecAction;
import org.pbft.core.TraceEvent;
import org.pbft.core.message.Message;
import org.pbft.net.Connection;
import org.pbft.net.Listener;
import org.pbft.net.OutboundLink;
import org.pbft.net.TransportStats;
import org.pbft.sim.NdjsonTrace;
import org.pbft.sim.Peer;
import org.pbft.wire.Frame;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;

/**
 * One replica process: a listener for peers and clients, a reconnecting link to every other
 * replica, and an event loop that feeds authenticated messages and ticks to the core ({@link
 * Peer}: a correct {@code Replica} or a scripted Byzantine one) and carries out its effects.
 *
 * <p>Threads: reader threads open frames (MAC, signatures, strict decoding) and queue them; the
 * event loop alone steps the core, seals outgoing frames and writes the trace; a timer thread
 * queues ticks. A frame that fails authentication or decoding is counted by reason and dropped:
 * it never reaches the core.
 */
public final class ReplicaNode implements AutoCloseable {
  private final int id;
  private final ClusterConfig cluster;
  private final Peer peer;
  private final boolean correct;
  private final SecureChannel channel;
  private final NdjsonTrace trace;
  private final NodeLog log;
  private final long incarnation = System.currentTimeMillis();
  private final AtomicLong counter = new AtomicLong();
  private final LamportClock clock = new LamportClock();
  private final TransportStats transport = new TransportStats();
  private final DropCounters drops = new DropCounters();
  private final Map<IgnoreReason, Long> ignored = new EnumMap<>(IgnoreReason.class);
  private final Map<Integer, Connection> clientRoutes = new ConcurrentHashMap<>();
  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final OutboundLink[] links;
  private final Listener listener;
  private final Thread eventLoop;
  private final ScheduledExecutorService ticker;
  private volatile boolean running = true;
  private long ticks;
  private long executedBatches;
  private long executedRequests;
  private long repliesUnroutable;

  private record Tick() {}

  /**
   * Starts the replica: binds its address from the cluster configuration, connects to the
   * others (retrying until they are up) and starts ticking. {@code trace} may be null (no trace).
   */
  public ReplicaNode(ClusterConfig cluster, NodeKeys keys, Peer peer, boolean correct,
      NodeOptions options, NdjsonTrace trace, NodeLog log) throws IOException {
    this.id = peer.id();
    this.cluster = cluster;
    this.peer = peer;
    this.correct = correct;
    this.trace = trace;
    this.log = log;
    Limits limits = Limits.defaults();
    this.channel = new SecureChannel(cluster, keys, limits);
    // Bind first: a replica that cannot listen (its port is taken) fails before it connects.
    InetSocketAddress bind = cluster.address(id);
    this.listener = new Listener(bind, options.queueCapacity(), this::onFrame, transport,
        limits.maxFrameBytes(), "r" + id);
    int n = cluster.n();
    this.links = new OutboundLink[n];
    for (int r = 0; r < n; r++) {
      if (r != id) {
        links[r] = new OutboundLink(cluster.address(r), options.queueCapacity(),
            (c, f) -> { }, transport, limits.maxFrameBytes(), "r" + id + "-to-r" + r);
      }
    }
    this.eventLoop = new Thread(this::runEventLoop, "replica-" + id + "-events");
    eventLoop.start();
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "replica-" + id + "-ticks");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> inbox.add(new Tick()), options.tickMillis(),
        options.tickMillis(), TimeUnit.MILLISECONDS);
    log.info("listening on " + bind + (correct ? "" : " (Byzantine)"));
  }

  /** Reader threads: authenticate and decode, then queue for the event loop. */
  private void onFrame(Connection connection, byte[] bytes) {
    Frame frame = drops.open(channel, bytes);
    if (frame == null) {
      return;
    }
    if (frame.from().kind() == NodeId.Kind.CLIENT) {
      clientRoutes.put(frame.from().index(), connection);
    }
    inbox.add(frame);
  }

  private void runEventLoop() {
    while (running) {
      Object event;
      try {
        event = inbox.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        handle(event);
      } catch (RuntimeException | AssertionError e) {
        // A bug, in the core or here: say so loudly, with the input, and keep serving.
        log.info("ERROR while handling " + event + ": " + e);
        e.printStackTrace(System.out);
      }
    }
  }

  private void handle(Object event) {
    List<Effect> effects;
    if (event instanceof Frame f) {
      clock.receive(f.lamport());
      int from = f.from().kind() == NodeId.Kind.REPLICA ? f.from().index() : Input.CLIENT;
      effects = peer.step(new Input.Receive(from, f.message()));
    } else {
      clock.tick();
      ticks++;
      effects = peer.step(new Input.Tick());
    }
    boolean traced = false;
    for (Effect e : effects) {
      traced |= carryOut(e);
    }
    if (traced) {
      trace.flush();
    }
  }

  /** Carries out one effect; true if it wrote a trace event. */
  private boolean carryOut(Effect e) {
    if (e instanceof Effect.Send s) {
      sendToReplica(s.to(), s.message());
    } else if (e instanceof Effect.Broadcast b) {
      for (int r = 0; r < cluster.n(); r++) {
        if (r != id) {
          sendToReplica(r, b.message());
        }
      }
    } else if (e instanceof Effect.SendReply r) {
      int client = (int) r.reply().clientId();
      Connection route = clientRoutes.get(client);
      if (route == null || !route.isOpen()) {
        repliesUnroutable++;
      } else {
        route.send(seal(NodeId.client(client), r.reply()));
      }
    } else if (e instanceof Effect.Execute x) {
      executedBatches++;
      executedRequests += x.requests().size();
    } else if (e instanceof Effect.Ignore i) {
      ignored.merge(i.reason(), 1L, Long::sum);
    } else if (e instanceof Effect.Trace t && correct) {
      logInteresting(t.event());
      if (trace != null) {
        trace.record(ticks, clock.now(), t.event());
        return true;
      }
    }
    return false;
  }

  private void sendToReplica(int to, Message m) {
    if (to >= 0 && to < cluster.n() && to != id) {
      links[to].send(seal(NodeId.replica(to), m));
    }
  }

  private byte[] seal(NodeId to, Message m) {
    return channel.seal(to, incarnation, counter.incrementAndGet(), clock.now(), m);
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

  /** Frames dropped before the core, by reason. */
  public DropCounters drops() {
    return drops;
  }

  /** A one-line summary of what this replica did and dropped. */
  public String summary() {
    return "executed " + executedRequests + " requests in " + executedBatches + " batches; "
        + "dropped frames " + drops.nonZero() + "; ignored " + ignored + "; transport: "
        + transport + (repliesUnroutable > 0 ? "; replies without a client connection "
        + repliesUnroutable : "");
  }

  @Override
  public void close() {
    running = false;
    ticker.shutdownNow();
    eventLoop.interrupt();
    try {
      eventLoop.join(2_000);
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
  }
}
