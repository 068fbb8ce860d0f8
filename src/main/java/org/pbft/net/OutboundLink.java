package org.pbft.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;

/**
 * A connection to one remote address that stays up: while the peer is unreachable it retries
 * with exponential backoff (from {@code MIN_BACKOFF_MS} doubling to {@code MAX_BACKOFF_MS});
 * frames sent meanwhile wait in a queue bounded in bytes that survives reconnections. Frames
 * read from the connection (a client's replies) go to the sink.
 */
public final class OutboundLink implements AutoCloseable {
  static final long MIN_BACKOFF_MS = 20;
  static final long MAX_BACKOFF_MS = 1_000;
  private static final int CONNECT_TIMEOUT_MS = 1_000;

  private final InetSocketAddress address;
  private final FrameQueue outgoing;
  private final FrameSink sink;
  private final TransportStats stats;
  private final int maxFrameBytes;
  private final String name;
  /** The loop for each of the link's connections, or null: each has a thread of its own. */
  private final Supplier<IoLoop> loops;
  private final Thread supervisor;
  private volatile boolean running = true;
  private volatile Connection current;
  private volatile String lastFailure;

  public OutboundLink(InetSocketAddress address, long queueBytes, FrameSink sink,
      TransportStats stats, int maxFrameBytes, String name) {
    this(address, queueBytes, sink, stats, maxFrameBytes, name, null);
  }

  /**
   * As above, with each connection served by a loop from {@code loops} (when not null) instead
   * of a thread of its own: then {@code sink} must never block. Each connection asks for its
   * loop, so that one opened after a loop stopped gets a running one.
   */
  public OutboundLink(InetSocketAddress address, long queueBytes, FrameSink sink,
      TransportStats stats, int maxFrameBytes, String name, Supplier<IoLoop> loops) {
    this.loops = loops;
    this.address = address;
    this.outgoing = new FrameQueue(queueBytes);
    this.sink = sink;
    this.stats = stats;
    this.maxFrameBytes = maxFrameBytes;
    this.name = name;
    this.supervisor = new Thread(this::superviseConnection, name + "-connect");
    supervisor.setDaemon(true);
    supervisor.start();
  }

  /**
   * Writes {@code frame} to the peer, or queues it while the link is down or the socket full;
   * false (and counted) when the queue is full.
   */
  public boolean send(byte[] frame) {
    Connection c = current;
    if (c != null && c.isOpen()) {
      return c.send(frame); // closed meanwhile: it queues the frame for the next connection
    }
    if (outgoing.offer(frame)) {
      return true;
    }
    stats.queueFull();
    return false;
  }

  /** Bytes of frames queued for the peer that the socket has not taken yet. */
  long queuedBytes() {
    return outgoing.queuedBytes();
  }

  /** True while a TCP connection to the peer is open. */
  public boolean connected() {
    Connection c = current;
    return c != null && c.isOpen();
  }

  /**
   * Why the latest attempt to connect failed (for example "Connection refused"), or null when
   * the latest attempt succeeded or none has finished yet.
   */
  public String lastFailure() {
    return lastFailure;
  }

  private void superviseConnection() {
    long backoff = MIN_BACKOFF_MS;
    while (running) {
      SocketChannel socket = null;
      try {
        socket = SocketChannel.open();
        socket.socket().connect(address, CONNECT_TIMEOUT_MS);
        if (connectedToItself(socket.socket())) {
          throw new IOException("connected to itself: nobody listens on " + address);
        }
        current = new Connection(socket, outgoing, sink, stats, maxFrameBytes, name,
            loops == null ? null : loops.get());
        lastFailure = null;
        backoff = MIN_BACKOFF_MS;
        current.awaitClosed();
      } catch (IOException e) {
        lastFailure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        closeQuietly(socket);
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Linux lets a connect to an unused local port in the ephemeral range pick that very port as
   * its source and connect to itself (TCP simultaneous open); the link would then read its own
   * frames. Such a connection is treated as refused.
   */
  private static boolean connectedToItself(Socket socket) {
    return socket.getLocalPort() == socket.getPort()
        && socket.getLocalAddress().equals(socket.getInetAddress());
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static void closeQuietly(SocketChannel socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // never connected: nothing to release beyond the descriptor
    }
  }

  @Override
  public void close() {
    running = false;
    supervisor.interrupt();
    Connection c = current;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return name + " -> " + address;
  }
}
