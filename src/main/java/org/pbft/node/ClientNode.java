package org.pbft.node;

import java.time.Duration;
import java.util.List;
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
import org.pbft.config.ClusterConfig;
import org.pbft.config.NodeId;
import org.pbft.config.NodeKeys;
import org.pbft.core.message.Message;
import org.pbft.core.message.Reply;
import org.pbft.net.Connection;
import org.pbft.net.OutboundLink;
import org.pbft.net.TransportStats;
import org.pbft.wire.Frame;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;

/**
 * A client process's connection to the cluster: the deterministic {@link Client} state machine,
 * driven by one thread (all its calls run on {@code loop}), with a link to every replica. Replies
 * arrive on the client's own connections; requests are retransmitted to all replicas after the
 * client's timeout.
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
  private CompletableFuture<Completion> waiting;
  private long startedNanos;

  /** The result of one operation, with the view it completed in and its latency. */
  public record Completion(byte[] result, long view, long latencyNanos) {}

  public ClientNode(ClusterConfig cluster, NodeKeys keys, int index, NodeOptions options,
      long retransmitTicks) {
    this.index = index;
    this.cluster = cluster;
    Limits limits = Limits.defaults();
    this.channel = new SecureChannel(cluster, keys, limits);
    this.client = new Client(index, cluster.quorums(), retransmitTicks);
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "client-" + index + "-events");
      t.setDaemon(true);
      return t;
    });
    this.links = new OutboundLink[cluster.n()];
    for (int r = 0; r < cluster.n(); r++) {
      links[r] = new OutboundLink(cluster.address(r), options.queueCapacity(), this::onFrame,
          transport, limits.maxFrameBytes(), "c" + index + "-to-r" + r);
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

  private CompletableFuture<Completion> start(Supplier<List<ClientOutput>> invoke) {
    CompletableFuture<Completion> done = new CompletableFuture<>();
    loop.execute(() -> {
      if (waiting != null) {
        done.completeExceptionally(new IllegalStateException("one operation at a time"));
        return;
      }
      waiting = done;
      startedNanos = System.nanoTime();
      carryOut(invoke.get());
    });
    return done;
  }

  /** Runs {@code operation} and waits for its result at most {@code timeout}. */
  public Completion invoke(byte[] operation, Duration timeout)
      throws TimeoutException, InterruptedException {
    return await(submit(operation), timeout);
  }

  /** Runs a read-only {@code operation} and waits for its result at most {@code timeout}. */
  public Completion invokeReadOnly(byte[] operation, Duration timeout)
      throws TimeoutException, InterruptedException {
    return await(submitReadOnly(operation), timeout);
  }

  private static Completion await(CompletableFuture<Completion> f, Duration timeout)
      throws TimeoutException, InterruptedException {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Read-only operations completed with 2f+1 replies, and those that fell back to ordering. */
  public String readOnlyCounts() {
    return client.readOnlyCompleted() + " read-only, " + client.readOnlyFallbacks()
        + " fell back to ordering";
  }

  private void onFrame(Connection connection, byte[] bytes) {
    Frame frame = drops.open(channel, bytes);
    if (frame == null) {
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
      if (o instanceof ClientOutput.Send s) {
        send(s.replica(), s.request());
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
