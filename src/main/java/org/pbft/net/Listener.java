package org.pbft.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Accepts connections on one address; each accepted connection reads frames into the sink and
 * can be written back to (a replica answers a client on the client's own connection).
 */
public final class Listener implements AutoCloseable {
  private final ServerSocketChannel server;
  private final FrameSink sink;
  private final TransportStats stats;
  private final long queueBytes;
  private final int maxConnections;
  private final int maxFrameBytes;
  private final String name;
  /** Where accepted connections are served; null: each by a thread of its own. */
  private final Supplier<IoLoop> loops;
  private final Set<Connection> accepted = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  /** As below, with room for 64 connections. */
  public Listener(InetSocketAddress address, long queueBytes, FrameSink sink,
      TransportStats stats, int maxFrameBytes, String name) throws IOException {
    this(address, queueBytes, 64, sink, stats, maxFrameBytes, name, null);
  }

  /**
   * Listens on {@code address}; at most {@code maxConnections} are open at once. At the cap a
   * new connection closes the oldest that has not authenticated a frame yet (someone who only
   * opens connections cannot lock the peers out), or is refused if all have. Each accepted
   * connection is served by the loop {@code loops} gives at its accept, or by a thread of its own
   * if {@code loops} is null (for a sink that blocks).
   */
  public Listener(InetSocketAddress address, long queueBytes, int maxConnections,
      FrameSink sink, TransportStats stats, int maxFrameBytes, String name,
      Supplier<IoLoop> loops) throws IOException {
    this.server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    server.bind(address);
    this.sink = sink;
    this.stats = stats;
    this.queueBytes = queueBytes;
    this.maxConnections = maxConnections;
    this.maxFrameBytes = maxFrameBytes;
    this.name = name;
    this.loops = loops;
    this.acceptor = new Thread(this::acceptLoop, name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The address actually bound (port 0 binds any free port). */
  public InetSocketAddress address() {
    try {
      return (InetSocketAddress) server.getLocalAddress();
    } catch (IOException closed) {
      throw new IllegalStateException(name + " is closed: it has no address any more", closed);
    }
  }

  private void acceptLoop() {
    int count = 0;
    while (server.isOpen()) {
      try {
        SocketChannel socket = server.accept();
        accepted.removeIf(old -> !old.isOpen());
        if (accepted.size() >= maxConnections && !closeOldestUnauthenticated()) {
          stats.refusedConnection();
          socket.close();
          continue;
        }
        Connection c = new Connection(socket, new FrameQueue(queueBytes), sink,
            stats, maxFrameBytes, name + "-in" + (++count), loops == null ? null : loops.get());
        accepted.add(c);
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        // one failed accept (the peer hung up at once): keep serving the others
      }
    }
  }

  private boolean closeOldestUnauthenticated() {
    Connection oldest = null;
    for (Connection c : accepted) {
      if (!c.authenticated() && (oldest == null || c.openedAt() < oldest.openedAt())) {
        oldest = c;
      }
    }
    if (oldest == null) {
      return false;
    }
    stats.refusedConnection();
    oldest.close();
    accepted.remove(oldest);
    return true;
  }

  /** Connections open now. */
  public int openConnections() {
    accepted.removeIf(old -> !old.isOpen());
    return accepted.size();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // the acceptor ends either way
    }
    // The port is released only once the acceptor thread has left accept(): wait for it, so that
    // a closed listener refuses connections when close returns.
    try {
      acceptor.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection c : accepted) {
      c.close();
    }
  }
}
