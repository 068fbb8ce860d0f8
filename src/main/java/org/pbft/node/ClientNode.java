package org.pbft.node;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.pbft.client.Client;
import org.pbft.client.ClientOutput;
import org.pbft.client.TimestampSource;
import org.pbft.config.ClusterConfig;
import org.pbft.config.NodeId;
import org.pbft.config.NodeKeys;
import org.pbft.core.message.Message;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.net.IoLoop;
import org.pbft.net.OutboundLink;
import org.pbft.net.TransportStats;
import org.pbft.wire.Frame;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;

/**
 * A client process's connection to the cluster: the deterministic {@link Client} state machine
 * with a link to every replica. Each session's client is stepped under its own lock by the
 * thread that brings the input: the caller for a submit, the I/O loop that read it for a reply
 * (the process's connections share one loop per core, {@link IoLoop#shared}), the
 * process's client timer ({@link SharedTicker}) for a tick; no input waits for another thread
 * to wake up and take it. Futures complete after the lock is released, so a caller's callback
 * may submit the next operation at once. They complete on the loop's thread, which is corked
 * ({@link org.pbft.net.Cork}): what a callback sends leaves at the end of the loop's round, and
 * a callback must never block (it would stop the replies of every client node of the process,
 * its own operation's next result among them). Replies arrive on the client's own connections; requests are
 * retransmitted to all replicas after the client's timeout. Request timestamps come from a
 * {@link TimestampSource}: by default the wall clock ({@link ClientTimestamps#clockOnly}); a
 * process that may run again with the same client id passes {@link ClientTimestamps#persisted}
 * so its timestamps grow across restarts.
 *
 * <p>One node may host several clients ({@link #group}): each is a {@link Session} with its own
 * identity, keys and {@link Client}, one operation outstanding at a time as PBFT's client, and
 * all share the node's one connection to each replica and its timer. That is the asynchronous
 * client: as many operations outstanding in one process as it has sessions, over n connections
 * (a replica keeps one outstanding request per client identity, so the protocol's exactly-once
 * rule is unchanged).
 *
 * <p>An operation that gets no result within its timeout is abandoned and reported as a {@link
 * NoResult} saying what each replica did; the next operation can start at once.
 */
public final class ClientNode implements AutoCloseable {
  private final ClusterConfig cluster;
  private final OutboundLink[] links;
  /** The ticks, from the process's one client timer: every other input is stepped on the
   * thread that brings it. */
  private final SharedTicker.Registration ticking;
  private volatile boolean closed;
  private final TransportStats transport = new TransportStats();
  private final DropCounters drops = new DropCounters();
  private final long incarnation = System.currentTimeMillis();
  /** Shared by the sessions, so guarded by itself. */
  private final LamportClock clock = new LamportClock();
  private final AtomicLongArray refusedFrom;
  private final List<Session> sessions = new ArrayList<>();
  private final Map<Integer, Session> byIndex = new HashMap<>();

  /** The result of one operation, with the view it completed in and its latency. */
  public record Completion(byte[] result, long view, long latencyNanos) {}

  /** A client whose timestamps come from the wall clock (growing within this process). */
  public ClientNode(ClusterConfig cluster, NodeKeys keys, int index, NodeOptions options,
      long retransmitTicks) {
    this(cluster, keys, index, options, retransmitTicks,
        ClientTimestamps.clockOnly(ClientTimestamps::wallClockMicros));
  }

  public ClientNode(ClusterConfig cluster, NodeKeys keys, int index, NodeOptions options,
      long retransmitTicks, TimestampSource timestamps) {
    this(cluster, List.of(keys), List.of(index), options, retransmitTicks, List.of(timestamps));
  }

  /**
   * Clients {@code indices} (with their {@code keys}, in the same order) in one node, over one
   * connection to each replica; timestamps from the wall clock.
   */
  public static ClientNode group(ClusterConfig cluster, List<NodeKeys> keys,
      List<Integer> indices, NodeOptions options, long retransmitTicks) {
    List<TimestampSource> timestamps = new ArrayList<>();
    for (int i = 0; i < indices.size(); i++) {
      timestamps.add(ClientTimestamps.clockOnly(ClientTimestamps::wallClockMicros));
    }
    return new ClientNode(cluster, keys, indices, options, retransmitTicks, timestamps);
  }

  private ClientNode(ClusterConfig cluster, List<NodeKeys> keys, List<Integer> indices,
      NodeOptions options, long retransmitTicks, List<TimestampSource> timestamps) {
    if (indices.isEmpty() || keys.size() != indices.size()
        || timestamps.size() != indices.size()) {
      throw new IllegalArgumentException("one key and one timestamp source per client: "
          + indices.size() + " clients, " + keys.size() + " keys, " + timestamps.size()
          + " timestamp sources");
    }
    this.cluster = cluster;
    Limits limits = Limits.defaults();
    for (int i = 0; i < indices.size(); i++) {
      Session session = new Session(indices.get(i), new SecureChannel(cluster, keys.get(i),
          limits), new Client(indices.get(i), cluster.quorums(), retransmitTicks,
          timestamps.get(i)));
      if (byIndex.put(session.index, session) != null) {
        throw new IllegalArgumentException("client " + session.index + " twice in one node");
      }
      sessions.add(session);
    }
    String shortName = indices.size() == 1 ? "c" + indices.get(0) : "c" + indices.get(0) + "+";
    this.refusedFrom = new AtomicLongArray(cluster.n());
    this.links = new OutboundLink[cluster.n()];
    for (int r = 0; r < cluster.n(); r++) {
      int replica = r;
      links[r] = new OutboundLink(cluster.address(r), options.queueBytes(),
          (connection, bytes) -> onFrame(replica, bytes), transport, limits.maxFrameBytes(),
          shortName + "-to-r" + r, IoLoop::shared);
    }
    this.ticking = SharedTicker.every(options.tickMillis(), this::tick);
  }

  private void tick() {
    for (Session s : sessions) {
      s.step(s.client::tick);
    }
  }

  /** The clients this node hosts, in the order given. */
  public List<Session> sessions() {
    return List.copyOf(sessions);
  }

  private Session only() {
    if (sessions.size() != 1) {
      throw new IllegalStateException("this node hosts " + sessions.size()
          + " clients: choose one with sessions()");
    }
    return sessions.get(0);
  }

  /** Starts {@code operation}; the future completes when f+1 replicas replied the same result. */
  public CompletableFuture<Completion> submit(byte[] operation) {
    return only().submit(operation);
  }

  /**
   * Starts a read-only {@code operation}, sent to every replica and executed without ordering;
   * the future completes when 2f+1 replicas replied the same result, or, after the client's
   * timeout, with the result of the same operation ordered as usual.
   */
  public CompletableFuture<Completion> submitReadOnly(byte[] operation) {
    return only().submitReadOnly(operation);
  }

  /**
   * Runs {@code operation} and waits for its result at most {@code timeout}; without one, stops
   * waiting for it and throws what the client saw.
   */
  public Completion invoke(byte[] operation, Duration timeout)
      throws NoResult, InterruptedException {
    return only().invoke(operation, timeout);
  }

  /** Runs a read-only {@code operation} and waits for its result at most {@code timeout}. */
  public Completion invokeReadOnly(byte[] operation, Duration timeout)
      throws NoResult, InterruptedException {
    return only().invokeReadOnly(operation, timeout);
  }

  /** Read-only operations completed with 2f+1 replies, and those that fell back to ordering. */
  public String readOnlyCounts() {
    Session s = only();
    synchronized (s) {
      return s.client.readOnlyCompleted() + " read-only, " + s.client.readOnlyFallbacks()
          + " fell back to ordering";
    }
  }

  /** Requests sent again to every replica after a timeout. */
  public int retransmissions() {
    Session s = only();
    synchronized (s) {
      return s.client.retransmissions();
    }
  }

  public int index() {
    return only().index;
  }

  public DropCounters drops() {
    return drops;
  }

  public TransportStats transport() {
    return transport;
  }

  private void onFrame(int replica, byte[] bytes) {
    NodeId to = SecureChannel.addressee(bytes);
    Session session = to != null && to.isClient() ? byIndex.get(to.index()) : null;
    // A frame for no client of this node: its first session's channel refuses it and counts why.
    Frame frame = drops.open((session != null ? session : sessions.get(0)).channel, bytes);
    if (frame == null) {
      refusedFrom.incrementAndGet(replica);
      return;
    }
    if (frame.message() instanceof Reply reply && !closed) { // after close nobody waits for it
      synchronized (clock) {
        clock.receive(frame.lamport());
      }
      session.step(() -> session.client.onReply(reply));
    }
  }

  @Override
  public void close() {
    closed = true;
    ticking.close();
    for (OutboundLink l : links) {
      l.close();
    }
  }

  /** One client of the node: its identity, keys and state machine, one operation at a time. */
  public final class Session {
    private final int index;
    private final SecureChannel channel;
    private final Client client;
    private final AtomicLong counter = new AtomicLong();
    // Guarded by this session's lock, as is the client.
    private CompletableFuture<Completion> waiting;
    private long startedNanos;
    private int retransmissionsAtStart;
    private boolean announced;

    private Session(int index, SecureChannel channel, Client client) {
      this.index = index;
      this.channel = channel;
      this.client = client;
    }

    public int index() {
      return index;
    }

    /** As {@link ClientNode#submit}, for this client. */
    public CompletableFuture<Completion> submit(byte[] operation) {
      return start(() -> client.invoke(operation));
    }

    /** As {@link ClientNode#submitReadOnly}, for this client. */
    public CompletableFuture<Completion> submitReadOnly(byte[] operation) {
      return start(() -> client.invokeReadOnly(operation));
    }

    /** As {@link ClientNode#invoke}, for this client. */
    public Completion invoke(byte[] operation, Duration timeout)
        throws NoResult, InterruptedException {
      long since = System.nanoTime();
      return await(submit(operation), timeout, since);
    }

    /** As {@link ClientNode#invokeReadOnly}, for this client. */
    public Completion invokeReadOnly(byte[] operation, Duration timeout)
        throws NoResult, InterruptedException {
      long since = System.nanoTime();
      return await(submitReadOnly(operation), timeout, since);
    }

    /**
     * The future fails with IllegalStateException while another operation is outstanding (one
     * at a time, as PBFT's client), and with the timestamp source's exception when it cannot
     * give a timestamp (a reservation file that cannot be written).
     */
    private CompletableFuture<Completion> start(Supplier<List<ClientOutput>> invoke) {
      if (closed) {
        throw new RejectedExecutionException("client node closed: open a new one to submit");
      }
      CompletableFuture<Completion> done = new CompletableFuture<>();
      Runnable complete;
      synchronized (this) {
        if (waiting != null) {
          done.completeExceptionally(new IllegalStateException("client " + index
              + " already waits for an operation: one operation at a time"));
          return done;
        }
        List<ClientOutput> outputs;
        try {
          outputs = invoke.get();
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
          return done;
        }
        waiting = done;
        startedNanos = System.nanoTime();
        retransmissionsAtStart = client.retransmissions();
        complete = carryOut(outputs);
      }
      if (complete != null) {
        complete.run();
      }
      return done;
    }

    /**
     * Steps the client with one input under this session's lock, sends what it says, and then,
     * outside the lock, completes the operation it finished if any.
     */
    private void step(Supplier<List<ClientOutput>> input) {
      Runnable complete;
      synchronized (this) {
        complete = carryOut(input.get());
      }
      if (complete != null) {
        complete.run();
      }
    }

    /** Waits for {@code f} at most {@code timeout}; the caller has waited since {@code since}. */
    private Completion await(CompletableFuture<Completion> f, Duration timeout, long since)
        throws NoResult, InterruptedException {
      try {
        try {
          return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          NoResult report = giveUp(f, since);
          if (report != null) {
            throw report;
          }
          return f.get(); // completed while the client was giving up
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r
            : new IllegalStateException(e.getCause());
      }
    }

    /**
     * If {@code f} still waits, abandons its request and returns the report of what the client
     * saw; null if it has completed meanwhile.
     */
    private NoResult giveUp(CompletableFuture<Completion> f, long since) {
      NoResult report;
      synchronized (this) {
        if (waiting != f || f.isDone()) {
          return null;
        }
        report = diagnose(since);
        client.abandon();
        waiting = null;
      }
      f.cancel(false);
      return report;
    }

    /** What the client saw of the outstanding request, waited for since {@code since}. */
    private NoResult diagnose(long since) {
      Request r = client.outstanding().orElseThrow();
      Map<Integer, Reply> replies = client.repliesSoFar();
      List<NoResult.ReplicaStatus> replicas = new ArrayList<>();
      for (int i = 0; i < cluster.n(); i++) {
        InetSocketAddress a = cluster.address(i);
        replicas.add(new NoResult.ReplicaStatus(i, a.getHostString() + ":" + a.getPort(),
            links[i].connected(), links[i].lastFailure(), refusedFrom.get(i), replies.get(i)));
      }
      return new NoResult(cluster.quorums(), index, r.timestamp(), r.readOnly(),
          client.repliesNeeded(), Duration.ofNanos(System.nanoTime() - since),
          client.retransmissions() - retransmissionsAtStart, replicas, drops.nonZero());
    }

    /** Sends what {@code outputs} say; returns the completion of a finished operation, or null. */
    private Runnable carryOut(List<ClientOutput> outputs) {
      Runnable complete = null;
      for (ClientOutput o : outputs) {
        if (o instanceof ClientOutput.Send s && announced) {
          send(s.replica(), s.request());
        } else if (o instanceof ClientOutput.Send s) {
          // A replica replies to a client over a connection the client has sent on; the first
          // request goes to every replica so that each can reply to it without waiting for the
          // retransmission (a backup relays it to the primary).
          announced = true;
          for (int r = 0; r < cluster.n(); r++) {
            send(r, s.request());
          }
        } else if (o instanceof ClientOutput.Broadcast b) {
          for (int r = 0; r < cluster.n(); r++) {
            send(r, b.request());
          }
        } else if (o instanceof ClientOutput.Completed c) {
          CompletableFuture<Completion> done = waiting;
          waiting = null;
          if (done != null) {
            Completion completion =
                new Completion(c.result(), c.view(), System.nanoTime() - startedNanos);
            complete = () -> done.complete(completion);
          }
        }
      }
      return complete;
    }

    private void send(int replica, Message m) {
      long lamport;
      synchronized (clock) {
        lamport = clock.tick();
      }
      links[replica].send(channel.seal(NodeId.replica(replica), incarnation,
          counter.incrementAndGet(), lamport, m));
    }
  }
}
