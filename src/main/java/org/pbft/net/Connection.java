package org.pbft.net;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open TCP connection, served by a thread of its own or by an {@link IoLoop}. A sender writes
 * its frame to the non-blocking socket itself, together with whatever waited before it (one
 * gathering write), as far as the socket takes it; what the socket does not take waits in a
 * bounded queue, and the connection's thread or loop writes it once the socket has room again (a
 * slow peer never blocks a sender). The same thread or loop reads: it hands each incoming frame
 * to a {@link FrameSink}. A sink that queues frames holds inbound credit for them ({@link
 * #holdInbound}): beyond a queue's worth, the connection stops reading until the sink releases
 * some, and TCP slows the peer down.
 *
 * <p>Any I/O error closes the connection. Frames still queued stay in the queue, and so does a
 * frame only part of which was written, whole (a reconnecting link hands the same queue to its
 * next connection; if the peer did get the frame, its replay check drops the second copy).
 */
public final class Connection implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;
  /** Frames in one gathering write at most. */
  private static final int BURST_FRAMES = 64;
  /** Reads of one connection in one round of its loop at most: the others get their turn. */
  private static final int READS_PER_ROUND = 4;

  /** A connection without a frame for this long is closed (a peer that has something to say
   * reconnects at once). */
  static final long IDLE_MILLIS = 120_000;

  private final SocketChannel channel;
  /** The connection's own thread and what it reads through; both null on a loop. */
  private final ChannelInput input;
  private final Thread thread;
  /** The loop that serves the connection, its frames read so far, its key; or null. */
  private final IoLoop loop;
  private final FrameDecoder decoder;
  private SelectionKey key;
  private final FrameQueue outgoing;
  private final FrameSink sink;
  private final TransportStats stats;
  private final String name;
  private final AtomicBoolean open = new AtomicBoolean(true);
  /** Set once a frame from it authenticated: a listener at its cap closes others first. */
  private volatile boolean authenticated;
  private final long openedAt = System.nanoTime();
  /** Bytes of this connection's frames that its sink may hold before the reader waits. */
  private final Semaphore inboundCredit;
  private final int inboundCreditBytes;
  /** On a loop: the bytes the sink holds, and whether the loop stopped reading because of it. */
  private final AtomicLong inboundHeld = new AtomicLong();
  private volatile boolean readPaused;
  /** On a loop: when reading stopped, so that the peer's deadlines leave that time out. */
  private long pausedAt;
  /** On a loop, touched by its thread only: the loop watches for room to write. */
  private boolean writeWatched;
  private final CountDownLatch closed = new CountDownLatch(1);

  /** Taken by whoever writes to the socket: a sender, or the connection's thread. */
  private final Object writeLock = new Object();
  /** Guarded by writeLock: the frames of the current gathering write. */
  private final List<byte[]> burst = new ArrayList<>();
  /** Guarded by writeLock: a frame the socket took only part of, and what is left of it. */
  private byte[] partFrame;
  private ByteBuffer[] partLeft;
  /** The socket did not take everything: the connection's thread waits until it can. */
  private volatile boolean blocked;

  /** A connection with a thread of its own, which reads and may block in the sink. */
  Connection(SocketChannel channel, FrameQueue outgoing, FrameSink sink, TransportStats stats,
      int maxFrameBytes, String name) throws IOException {
    this(channel, outgoing, sink, stats, maxFrameBytes, name, null);
  }

  /**
   * A connection served by {@code loop}, or by a thread of its own when it is null. A loop's
   * sink must never block.
   */
  Connection(SocketChannel channel, FrameQueue outgoing, FrameSink sink, TransportStats stats,
      int maxFrameBytes, String name, IoLoop loop) throws IOException {
    this.inboundCreditBytes = (int) Math.min(Integer.MAX_VALUE, outgoing.capacityBytes());
    this.inboundCredit = new Semaphore(inboundCreditBytes);
    this.channel = channel;
    this.outgoing = outgoing;
    this.sink = sink;
    this.stats = stats;
    this.name = name;
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    channel.configureBlocking(false);
    this.loop = loop;
    if (loop != null) {
      this.input = null;
      this.thread = null;
      this.decoder = new FrameDecoder(maxFrameBytes, IDLE_MILLIS, FrameReader.FRAME_BASE_MILLIS,
          System.nanoTime());
      stats.connected();
      try {
        loop.register(this);
      } catch (IOException stopped) {
        close(); // counted as connected: counted as closed too
        throw stopped;
      }
      return;
    }
    this.decoder = null;
    this.input = new ChannelInput(channel, FrameReader.POLL_MILLIS, new ChannelInput.Writes() {
      @Override
      public boolean pending() {
        return writesPending();
      }

      @Override
      public void flush() throws IOException {
        synchronized (writeLock) {
          flushLocked();
        }
      }
    });
    FrameReader in = new FrameReader(new BufferedInputStream(input, BUFFER), maxFrameBytes,
        IDLE_MILLIS);
    this.thread = new Thread(() -> readLoop(in), name + "-io");
    thread.setDaemon(true);
    stats.connected();
    thread.start();
  }

  /**
   * Writes {@code frame}, or queues what the socket does not take now; false (and counted) when
   * the queue is full: the peer is too slow.
   */
  public boolean send(byte[] frame) {
    synchronized (writeLock) {
      if (!outgoing.offer(frame)) {
        stats.queueFull();
        return false;
      }
      if (!Cork.defer(this)) {
        flushOrCloseLocked();
      }
      return true;
    }
  }

  /** Writes what waits, as far as the socket takes it now (for a thread that uncorks). */
  void flush() {
    synchronized (writeLock) {
      flushOrCloseLocked();
    }
  }

  /** {@link #flushLocked} on an open connection; a write that fails closes it. */
  private void flushOrCloseLocked() {
    if (open.get()) {
      try {
        flushLocked();
      } catch (IOException e) {
        close(); // the frames not written stay queued
      }
    }
  }

  public boolean isOpen() {
    return open.get();
  }

  /** The peer proved who it is (a frame from it authenticated). */
  public void markAuthenticated() {
    authenticated = true;
  }

  /**
   * Called by a sink that queues a frame of {@code bytes}: takes credit for it, so that a fast
   * peer is slowed down by TCP (its connection stops reading) instead of filling the receiver's
   * memory, and cannot take the room of the others. Returns the credit taken, to {@link
   * #releaseInbound} once the frame is consumed.
   *
   * <p>A connection with a thread of its own waits here until its queued frames leave room. A
   * loop's connection never waits (that would stop the loop): it takes the credit, and once it
   * holds a queue's worth its loop stops reading it until enough is released. It holds at most
   * a queue's worth and what one read of the loop brought beyond it.
   */
  public int holdInbound(int bytes) throws InterruptedException {
    int credit = Math.min(bytes, inboundCreditBytes); // a frame larger than the room goes alone
    if (loop != null) {
      if (inboundHeld.addAndGet(credit) >= inboundCreditBytes) {
        pauseReading();
      }
      return credit;
    }
    Cork.writeDeferred(); // nothing this thread sent waits while it does
    inboundCredit.acquire(credit);
    return credit;
  }

  /** The sink consumed a frame it held {@code credit} for. */
  public void releaseInbound(int credit) {
    if (loop == null) {
      inboundCredit.release(credit);
    } else if (inboundHeld.addAndGet(-credit) < inboundCreditBytes && readPaused) {
      loop.resumeReading(this);
    }
  }

  /** On the loop's thread, from its sink: no more reads until the sink releases credit. */
  private void pauseReading() {
    readPaused = true;
    pausedAt = System.nanoTime();
    loop.updateInterest(this);
    if (inboundHeld.get() < inboundCreditBytes) { // released before the flag was seen
      resumeReadingNow();
    }
  }

  /** On the loop's thread: reads again, if the sink has room; the pause is not the peer's. */
  void resumeReadingNow() {
    if (readPaused && inboundHeld.get() < inboundCreditBytes) {
      readPaused = false;
      decoder.waited(System.nanoTime() - pausedAt);
      loop.updateInterest(this);
    }
  }

  /** On the loop's thread: whether the loop is to watch for room to write. */
  void watchWrites(boolean watch) {
    writeWatched = watch;
  }

  /** The operations the loop watches for: reads unless paused, writes while some wait. */
  int interest() {
    return (readPaused ? 0 : SelectionKey.OP_READ) | (writeWatched ? SelectionKey.OP_WRITE : 0);
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
        channel.close();
      } catch (IOException ignored) {
        // closing a broken socket: nothing left to do with it
      }
      if (loop != null) {
        loop.wakeup(); // the selector releases the socket at its next round
      } else {
        input.wakeup();
      }
      synchronized (writeLock) {
        if (partFrame != null) { // sent again whole on the next connection, if there is one
          outgoing.putBack(List.of(partFrame));
          partFrame = null;
          partLeft = null;
        }
        blocked = false;
      }
      stats.disconnected();
      closed.countDown();
    }
  }

  private void readLoop(FrameReader in) {
    Cork.cork(); // what handlers send goes out once per burst read (ChannelInput writes it)
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
      Cork.uncork();
      close();
      try {
        input.close();
      } catch (IOException ignored) {
        // the selector is released either way
      }
    }
  }

  /**
   * Writes the frame the socket took part of, then the queued frames a burst at a time, as far as
   * the socket takes them now; what it does not take stays for the connection's thread.
   */
  private void flushLocked() throws IOException {
    if (partLeft != null) {
      channel.write(partLeft);
      if (partLeft[1].hasRemaining()) {
        waitForRoom();
        return;
      }
      stats.sent(partFrame.length);
      partFrame = null;
      partLeft = null;
    }
    while (true) {
      burst.clear();
      if (outgoing.drainTo(burst, BURST_FRAMES) == 0) {
        blocked = false;
        return;
      }
      ByteBuffer[] buffers = new ByteBuffer[2 * burst.size()];
      for (int i = 0; i < burst.size(); i++) {
        byte[] frame = burst.get(i);
        buffers[2 * i] = FrameStreams.header(frame);
        buffers[2 * i + 1] = ByteBuffer.wrap(frame);
      }
      try {
        channel.write(buffers);
      } catch (IOException e) {
        outgoing.putBack(burst); // each goes again whole
        throw e;
      }
      int done = 0;
      while (done < burst.size() && !buffers[2 * done + 1].hasRemaining()) {
        stats.sent(burst.get(done).length);
        done++;
      }
      if (done < burst.size()) {
        partFrame = burst.get(done);
        partLeft = new ByteBuffer[] {buffers[2 * done], buffers[2 * done + 1]};
        outgoing.putBack(burst.subList(done + 1, burst.size()));
        waitForRoom();
        return;
      }
    }
  }

  /** The socket is full: the connection's thread or loop writes the rest when it has room. */
  private void waitForRoom() {
    blocked = true;
    if (loop != null) {
      loop.wantWrite(this);
    } else if (Thread.currentThread() != thread) {
      input.wakeup();
    }
  }

  private boolean writesPending() {
    return blocked || !outgoing.isEmpty();
  }

  // What the loop calls, on its thread.

  SocketChannel channel() {
    return channel;
  }

  SelectionKey key() {
    return key;
  }

  void keyIs(SelectionKey key) {
    this.key = key;
  }

  /**
   * Reads what the socket holds (through the loop's {@code buffer}) and hands each frame it
   * completes to the sink; end of stream, an I/O error or a bad length closes the connection.
   */
  void onReadable(ByteBuffer buffer) {
    for (int reads = 0; reads < READS_PER_ROUND && open.get() && !readPaused; reads++) {
      buffer.clear();
      int n;
      try {
        n = channel.read(buffer);
        if (n < 0) {
          close();
          return;
        }
        buffer.flip();
        decoder.feed(buffer, System.nanoTime(), this::deliver);
      } catch (IOException e) {
        close(); // the peer went away or broke framing: the connection ends either way
        return;
      }
      if (n < buffer.capacity()) {
        return; // the socket is empty
      }
    }
  }

  private void deliver(byte[] frame) {
    if (open.get()) {
      stats.received(frame.length);
      sink.onFrame(this, frame);
    }
  }

  /** Writes what waits as far as the socket takes it; true if some still waits. */
  boolean onWritable() {
    synchronized (writeLock) {
      flushOrCloseLocked();
    }
    return open.get() && writesPending();
  }

  /**
   * Closes a connection whose peer is too slow or silent; asks the loop to write what waits
   * (a frame queued while the connection was being opened).
   */
  void checkDeadlines(long now) {
    if (!readPaused && decoder.overdue(now) != null) {
      stats.slowPeer();
      close();
    } else if (writesPending()) {
      loop.wantWrite(this);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
