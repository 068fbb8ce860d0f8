package org.pbft.node;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
import org.pbft.net.OutboundLink;
import org.pbft.net.TransportStats;
import org.pbft.wire.Frame;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;

/**
 * A client process's connection to the cluster: the deterministic {@link Client} state machine,
 * driven by one thread (all its calls run on {@code loop}), with a link to every replica. Replies
 * arrive on the client's own connections; requests are retransmitted to all replicas after the
 * client's timeout. Request timestamps come from a {@link TimestampSource}: by default the wall
 * clock ({@link ClientTimestamps#clockOnly}); a process that may run again with the same client
 * id passes {@link ClientTimestamps#persisted} so its timestamps grow across restarts.
 *
 * <p>An operation that gets no result within its timeout is abandoned and reported as a {@link
 * NoResult} saying what each replica did; the next operation can start at once.
 */
public final class ClientNode implements AutoCloseable {
  private final int index;
  private final ClusterConfig cluster;
  private final SecureChannel channel;
  private final Client client;
  private final OutboundLink[] links;
  private final ScheduledExecutorService loop;
  private final TransportStats transport = new TransportStats();
  private final DropCounters drops = new DropCounters();
  private final long incarnation = System.currentTimeMillis();
  private final AtomicLong counter = new AtomicLong();
  private final LamportClock clock = new LamportClock();
  private final long[] refusedFrom;
  private CompletableFuture<Completion> waiting;
  private long startedNanos;
  private int retransmissionsAtStart;
  private boolean announced;

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
    this.index = index;
    this.cluster = cluster;
    Limits limits = Limits.defaults();
    this.channel = new SecureChannel(cluster, keys, limits);
    this.client = new Client(index, cluster.quorums(), retransmitTicks, timestamps);
    this.refusedFrom = new long[cluster.n()];
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "client-" + index + "-events");
      t.setDaemon(true);
      return t;
    });
    this.links = new OutboundLink[cluster.n()];
    for (int r = 0; r < cluster.n(); r++) {
      int replica = r;
      links[r] = new OutboundLink(cluster.address(r), options.queueBytes(),
          (connection, bytes) -> onFrame(replica, bytes), transport, limits.maxFrameBytes(),
          "c" + index + "-to-r" + r);
    }
    loop.scheduleAtFixedRate(() -> carryOut(client.tick()), options.tickMillis(),
        options.tickMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts {@code operation}; the future completes when f+1 replicas replied the same result. */
  public CompletableFuture<Completion> submit(byte[] operation) {
    return start(() -> client.invoke(operation));
  }

  /**
   * Starts a read-only {@code operation}, sent to every replica and executed without ordering;
   * the future completes when 2f+1 replicas replied the same result, or, after the client's
   * timeout, with the result of the same operation ordered as usual.
   */
  public CompletableFuture<Completion> submitReadOnly(byte[] operation) {
    return start(() -> client.invokeReadOnly(operation));
  }

  /**
   * The future fails with IllegalStateException while another operation is outstanding (one at
   * a time, as PBFT's client), and with the timestamp source's exception when it cannot give a
   * timestamp (a reservation file that cannot be written).
   */
  private CompletableFuture<Completion> start(Supplier<List<ClientOutput>> invoke) {
    CompletableFuture<Completion> done = new CompletableFuture<>();
    loop.execute(() -> {
      if (waiting != null) {
        done.completeExceptionally(new IllegalStateException("client " + index
            + " already waits for an operation: one operation at a time"));
        return;
      }
      List<ClientOutput> outputs;
      try {
        outputs = invoke.get();
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
        return;
      }
      waiting = done;
      startedNanos = System.nanoTime();
      retransmissionsAtStart = client.retransmissions();
      carryOut(outputs);
    });
    return done;
  }

  /**
   * Runs {@code operation} and waits for its result at most {@code timeout}; without one, stops
   * waiting for it and throws what the client saw.
   */
  public Completion invoke(byte[] operation, Duration timeout)
      throws NoResult, InterruptedException {
    long since = System.nanoTime();
    return await(submit(operation), timeout, since);
  }

  /** Runs a read-only {@code operation} and waits for its result at most {@code timeout}. */
  public Completion invokeReadOnly(byte[] operation, Duration timeout)
      throws NoResult, InterruptedException {
    long since = System.nanoTime();
    return await(submitReadOnly(operation), timeout, since);
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
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /**
   * On the event loop: if {@code f} still waits, abandons its request and returns the report of
   * what the client saw; null if it has completed meanwhile.
   */
  private NoResult giveUp(CompletableFuture<Completion> f, long since)
      throws InterruptedException {
    CompletableFuture<NoResult> report = new CompletableFuture<>();
    loop.execute(() -> {
      if (waiting != f || f.isDone()) {
        report.complete(null);
        return;
      }
      report.complete(diagnose(since));
      client.abandon();
      waiting = null;
      f.cancel(false);
    });
    try {
      return report.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** What the client saw of the outstanding request, waited for since {@code since}. */
  private NoResult diagnose(long since) {
    Request r = client.outstanding().orElseThrow();
    Map<Integer, Reply> replies = client.repliesSoFar();
    List<NoResult.ReplicaStatus> replicas = new ArrayList<>();
    for (int i = 0; i < cluster.n(); i++) {
      InetSocketAddress a = cluster.address(i);
      replicas.add(new NoResult.ReplicaStatus(i, a.getHostString() + ":" + a.getPort(),
          links[i].connected(), links[i].lastFailure(), refusedFrom[i], replies.get(i)));
    }
    return new NoResult(cluster.quorums(), index, r.timestamp(), r.readOnly(),
        client.repliesNeeded(), Duration.ofNanos(System.nanoTime() - since),
        client.retransmissions() - retransmissionsAtStart, replicas, drops.nonZero());
  }

  /** Read-only operations completed with 2f+1 replies, and those that fell back to ordering. */
  public String readOnlyCounts() {
    return client.readOnlyCompleted() + " read-only, " + client.readOnlyFallbacks()
        + " fell back to ordering";
  }

  private void onFrame(int replica, byte[] bytes) {
    Frame frame = drops.open(channel, bytes);
    if (frame == null) {
      try {
        loop.execute(() -> refusedFrom[replica]++);
      } catch (RejectedExecutionException closed) {
        // closed: nobody reads the count any more
      }
      return;
    }
    if (frame.message() instanceof Reply reply) {
      try {
        loop.execute(() -> {
          clock.receive(frame.lamport());
          carryOut(client.onReply(reply));
        });
      } catch (RejectedExecutionException closed) {
        // a late reply after close: nobody waits for it any more
      }
    }
  }

  private void carryOut(List<ClientOutput> outputs) {
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
          done.complete(new Completion(c.result(), c.view(), System.nanoTime() - startedNanos));
        }
      }
    }
  }

  private void send(int replica, Message m) {
    links[replica].send(channel.seal(NodeId.replica(replica), incarnation,
        counter.incrementAndGet(), clock.tick(), m));
  }

  /** Requests sent again to every replica after a timeout. */
  public int retransmissions() {
    return client.retransmissions();
  }

  public DropCounters drops() {
    return drops;
  }

  public TransportStats transport() {
    return transport;
  }

  public int index() {
    return index;
  }

  @Override
  public void close() {
    loop.shutdownNow();
    for (OutboundLink l : links) {
      l.close();
    }
  }
}
