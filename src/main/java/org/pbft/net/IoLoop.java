package org.pbft.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread that serves many connections through one selector: it reads each connection whose
 * socket has bytes and hands its frames to the connection's sink, and finishes the writes the
 * sockets did not take at once. A client process opens a connection to every replica for each of
 * its client nodes, a replica has one from each peer and each client; with a thread per
 * connection, every frame woke a thread of its own. With a loop, the frames that arrive together
 * are read in one wake-up, and what their handlers send leaves corked ({@link Cork}), one
 * gathering write per connection at the end of the round.
 *
 * <p>So a sink on a loop's connection must never block: it would stop every connection of the
 * loop. A sink that queues frames holds credit for them instead ({@link
 * Connection#holdInbound}), and the loop stops reading a connection that holds a queue's worth
 * until the sink releases some.
 *
 * <p>Only the loop's thread touches the selector's keys; other threads hand it tasks.
 */
public final class IoLoop implements AutoCloseable {
  /** The process's loops: one per core, handed out in turn. */
  private static final IoLoop[] SHARED =
      new IoLoop[Math.max(1, Runtime.getRuntime().availableProcessors())];
  private static int nextShared;

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** Every read of the loop's thread goes here first, then into the frames it completes. */
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private volatile boolean running = true;

  private IoLoop(String name) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for " + name, e);
    }
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** A loop of its own, named {@code name} (its thread's name); closed by the caller. */
  public static IoLoop open(String name) {
    return new IoLoop(name);
  }

  /**
   * One of the process's loops, in turn, each started on first use: one per core, as one thread
   * among the other processes' many would get too small a share of the CPU under load, and the
   * closed loops waiting on it would wait for the scheduler.
   */
  public static synchronized IoLoop shared() {
    int i = nextShared++ % SHARED.length;
    if (SHARED[i] == null || !SHARED[i].running) {
      SHARED[i] = new IoLoop("io-" + i);
    }
    return SHARED[i];
  }

  /** Starts serving {@code c}: called once, by the connection as it opens. */
  void register(Connection c) throws IOException {
    if (!running) {
      throw new IOException(thread.getName() + " has stopped");
    }
    execute(() -> {
      if (!c.isOpen()) {
        return;
      }
      try {
        c.keyIs(c.channel().register(selector, SelectionKey.OP_READ, c));
      } catch (IOException | RuntimeException e) { // closed meanwhile, or the loop stopped
        c.close();
        return;
      }
      if (c.onWritable()) { // frames waited for the connection to open
        c.watchWrites(true);
        updateInterest(c);
      }
    });
  }

  /** {@code c}'s socket is full: the loop writes the rest once it has room. */
  void wantWrite(Connection c) {
    onLoop(() -> {
      c.watchWrites(true);
      updateInterest(c);
    });
  }

  /** {@code c}'s sink released credit: the loop reads it again if it has room now. */
  void resumeReading(Connection c) {
    onLoop(c::resumeReadingNow);
  }

  /** Runs {@code task} now if called on the loop's thread, else hands it to the loop. */
  private void onLoop(Runnable task) {
    if (Thread.currentThread() == thread) {
      task.run();
    } else {
      execute(task);
    }
  }

  /** Wakes the loop (a connection was closed: its socket is released at the next select). */
  void wakeup() {
    selector.wakeup();
  }

  private void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** On the loop's thread: watches what {@code c} wants now ({@link Connection#interest}). */
  void updateInterest(Connection c) {
    SelectionKey key = c.key();
    try {
      if (key != null && key.isValid()) {
        key.interestOps(c.interest());
      }
    } catch (CancelledKeyException closedMeanwhile) {
      // another thread closed the connection: nothing is left to read or write on it
    }
  }

  private void run() {
    Cork.cork(); // what the sinks send leaves once per round, one write per connection
    long nextCheck = System.nanoTime() + FrameReader.POLL_MILLIS * 1_000_000L;
    try {
      while (running) {
        selector.select(FrameReader.POLL_MILLIS);
        runTasks();
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey key = ready.next();
          ready.remove();
          serve(key);
        }
        Cork.writeDeferred();
        long now = System.nanoTime();
        if (now >= nextCheck) {
          nextCheck = now + FrameReader.POLL_MILLIS * 1_000_000L;
          for (SelectionKey key : selector.keys()) {
            if (key.isValid()) {
              ((Connection) key.attachment()).checkDeadlines(now);
            }
          }
          Cork.writeDeferred();
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println(thread.getName() + ": stopped (" + e + "); its connections are closed"
          + " and reopen on a new loop");
      running = false;
    } finally {
      running = false;
      for (SelectionKey key : selector.keys()) {
        ((Connection) key.attachment()).close();
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // the loop is gone either way
      }
      runTasks(); // a connection still waiting to be registered is closed: its link reconnects
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        System.err.println(thread.getName() + ": a task failed: " + e);
      }
    }
  }

  /** Reads and writes what {@code key}'s socket is ready for; a failure closes only it. */
  private void serve(SelectionKey key) {
    Connection c = (Connection) key.attachment();
    try {
      if (key.isValid() && key.isReadable()) {
        c.onReadable(readBuffer);
      }
      if (key.isValid() && key.isWritable() && !c.onWritable()) {
        c.watchWrites(false);
        updateInterest(c);
      }
    } catch (CancelledKeyException closedMeanwhile) {
      c.close();
    } catch (RuntimeException e) {
      System.err.println(c + ": closed, its frame handler failed: " + e);
      e.printStackTrace();
      c.close();
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
  }
}
