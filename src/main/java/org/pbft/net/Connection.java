package org.pbft.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open TCP connection: a reader thread hands each incoming frame to a {@link FrameSink}; a
 * writer thread drains a bounded queue of outgoing frames, a burst at a time, flushing when the
 * queue runs empty (so a burst goes out in few packets). Any I/O error closes the connection;
 * frames still queued stay in the queue, and the frames of a burst from the one whose write
 * failed on go back to its head (a reconnecting link hands
 * the same queue to its next connection; if the peer did get the frame, its replay check drops
 * the second copy).
 */
public final class Connection implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  /** A connection without a frame for this long is closed (a peer that has something to say
   * reconnects at once). */
  static final long IDLE_MILLIS = 120_000;

  private final Socket socket;
  private final FrameQueue outgoing;
  private final FrameSink sink;
  private final TransportStats stats;
  private final int maxFrameBytes;
  private final String name;
  private final AtomicBoolean open = new AtomicBoolean(true);
  /** Set once a frame from it authenticated: a listener at its cap closes others first. */
  private volatile boolean authenticated;
  private final long openedAt = System.nanoTime();
  /** Bytes of this connection's frames that its sink may hold before the reader waits. */
  private final Semaphore inboundCredit;
  private final int inboundCreditBytes;
  private final CountDownLatch closed = new CountDownLatch(1);

  Connection(Socket socket, FrameQueue outgoing, FrameSink sink, TransportStats stats,
      int maxFrameBytes, String name) throws IOException {
    this.inboundCreditBytes = (int) Math.min(Integer.MAX_VALUE, outgoing.capacityBytes());
    this.inboundCredit = new Semaphore(inboundCreditBytes);
    this.socket = socket;
    this.outgoing = outgoing;
    this.sink = sink;
    this.stats = stats;
    this.maxFrameBytes = maxFrameBytes;
    this.name = name;
    socket.setTcpNoDelay(true);
    socket.setKeepAlive(true);
    socket.setSoTimeout(FrameReader.POLL_MILLIS);
    FrameReader in = new FrameReader(new BufferedInputStream(socket.getInputStream(), BUFFER),
        maxFrameBytes, IDLE_MILLIS);
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

  /** The peer proved who it is (a frame from it authenticated). */
  public void markAuthenticated() {
    authenticated = true;
  }

  /**
   * Called by a sink that queues frames: waits until this connection's queued frames leave room
   * for {@code bytes} more, so that a fast peer is slowed down by TCP (its reader stops reading)
   * instead of filling the receiver's memory, and cannot take the room of the others. Returns
   * the credit taken, to {@link #releaseInbound} once the frame is consumed.
   */
  public int awaitInboundRoom(int bytes) throws InterruptedException {
    int credit = Math.min(bytes, inboundCreditBytes); // a frame larger than the room goes alone
    inboundCredit.acquire(credit);
    return credit;
  }

  public void releaseInbound(int credit) {
    inboundCredit.release(credit);
  }

  boolean authenticated() {
    return authenticated;
  }

  long openedAt() {
    return openedAt;
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

  private void readLoop(FrameReader in) {
    try {
      byte[] frame;
      while (open.get() && (frame = in.next()) != null) {
        stats.received(frame.length);
        sink.onFrame(this, frame);
      }
    } catch (FrameReader.SlowPeerException e) {
      stats.slowPeer();
    } catch (IOException e) {
      // the peer went away or broke framing: the connection ends either way
    } finally {
      close();
    }
  }

  private void writeLoop(DataOutputStream out) {
    List<byte[]> burst = new ArrayList<>();
    try {
      while (open.get()) {
        burst.clear();
        if (!outgoing.drainTo(burst, 100, TimeUnit.MILLISECONDS)) {
          continue;
        }
        long written = 0;
        for (int i = 0; i < burst.size(); i++) {
          byte[] frame = burst.get(i);
          if (!open.get()) {
            outgoing.putBack(burst.subList(i, burst.size()), written);
            return;
          }
          try {
            FrameStreams.write(out, frame);
          } catch (IOException e) {
            outgoing.putBack(burst.subList(i, burst.size()), written);
            throw e;
          }
          written += frame.length;
          stats.sent(frame.length);
        }
        if (outgoing.written(written)) {
          out.flush(); // the queue ran empty: what is buffered goes out together
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
