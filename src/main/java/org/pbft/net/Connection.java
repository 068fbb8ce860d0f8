package org.pbft.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open TCP connection: a reader thread hands each incoming frame to a {@link FrameSink}; a
 * writer thread drains a bounded queue of outgoing frames, flushing when the queue runs empty (so
 * a burst goes out in few packets). Any I/O error closes the connection; frames still queued stay
 * in the queue, and a frame whose write failed goes back to its head (a reconnecting link hands
 * the same queue to its next connection; if the peer did get the frame, its replay check drops
 * the second copy).
 */
public final class Connection implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final Socket socket;
  private final BlockingDeque<byte[]> outgoing;
  private final FrameSink sink;
  private final TransportStats stats;
  private final int maxFrameBytes;
  private final String name;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final CountDownLatch closed = new CountDownLatch(1);

  Connection(Socket socket, BlockingDeque<byte[]> outgoing, FrameSink sink, TransportStats stats,
      int maxFrameBytes, String name) throws IOException {
    this.socket = socket;
    this.outgoing = outgoing;
    this.sink = sink;
    this.stats = stats;
    this.maxFrameBytes = maxFrameBytes;
    this.name = name;
    socket.setTcpNoDelay(true);
    socket.setKeepAlive(true);
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
    stats.connected();
    Thread reader = new Thread(() -> readLoop(in), name + "-reader");
    Thread writer = new Thread(() -> writeLoop(out), name + "-writer");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  /** Queues {@code frame}; false (and counted) when the queue is full: the peer is too slow. */
  public boolean send(byte[] frame) {
    if (outgoing.offer(frame)) {
      return true;
    }
    stats.queueFull();
    return false;
  }

  public boolean isOpen() {
    return open.get();
  }

  /** Blocks until the connection is closed, by either side. */
  void awaitClosed() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken socket: nothing left to do with it
      }
      stats.disconnected();
      closed.countDown();
    }
  }

  private void readLoop(DataInputStream in) {
    try {
      byte[] frame;
      while (open.get() && (frame = FrameStreams.read(in, maxFrameBytes)) != null) {
        stats.received();
        sink.onFrame(this, frame);
      }
    } catch (IOException e) {
      // the peer went away or broke framing: the connection ends either way
    } finally {
      close();
    }
  }

  private void writeLoop(DataOutputStream out) {
    try {
      while (open.get()) {
        byte[] frame = outgoing.poll(100, TimeUnit.MILLISECONDS);
        if (frame == null) {
          continue;
        }
        if (!open.get()) {
          outgoing.offerFirst(frame);
          return;
        }
        try {
          FrameStreams.write(out, frame);
        } catch (IOException e) {
          outgoing.offerFirst(frame);
          throw e;
        }
        stats.sent();
        if (outgoing.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      // a write failed or we are shutting down: the connection ends
    } finally {
      close();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
