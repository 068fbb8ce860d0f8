package org.pbft.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The bytes of a non-blocking channel as a stream, for the connection's one thread. A read takes
 * what the socket holds; when it holds nothing, the thread waits in a selector for at most
 * {@code pollMillis} and then throws {@link SocketTimeoutException}, as a blocking socket with
 * that read timeout would, so that {@link FrameReader} keeps its deadlines.
 *
 * <p>The same thread finishes the connection's writes that the socket did not take at once: while
 * {@link Writes#pending} it also waits for the socket to accept bytes and then calls {@link
 * Writes#flush}. Senders write on their own threads as long as the socket takes the bytes, so in
 * the usual case no thread is woken to send a frame.
 */
final class ChannelInput extends InputStream {
  /** The connection's writes, as its reader sees them. */
  interface Writes {
    /** Bytes wait that the socket did not take. Cheap: called on every read. */
    boolean pending();

    /** Writes what waits as far as the socket takes it now, without blocking. */
    void flush() throws IOException;
  }

  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final long pollNanos;
  private final Writes writes;
  private boolean closed;
  /** The last read left the socket empty: the next one waits for bytes before it reads. */
  private boolean drained;

  ChannelInput(SocketChannel channel, long pollMillis, Writes writes) throws IOException {
    this.channel = channel;
    this.selector = Selector.open();
    this.key = channel.register(selector, SelectionKey.OP_READ);
    this.pollNanos = pollMillis * 1_000_000L;
    this.writes = writes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int at, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    Cork.writeDeferred(); // what this thread's handlers sent for the frames read so far
    ByteBuffer buffer = ByteBuffer.wrap(into, at, length);
    long deadline = System.nanoTime() + pollNanos;
    while (true) {
      // After a read that emptied the socket, reading again at once would only find nothing:
      // wait first (the selector returns at once if bytes came meanwhile). One system call less
      // per wake-up.
      int n = drained ? 0 : channel.read(buffer);
      drained = false;
      boolean pending = writes.pending();
      if (pending) {
        writes.flush();
        pending = writes.pending();
      }
      if (n != 0) {
        drained = n > 0 && buffer.hasRemaining();
        return n;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("nothing to read for " + pollNanos / 1_000_000 + " ms");
      }
      try {
        key.interestOps(SelectionKey.OP_READ | (pending ? SelectionKey.OP_WRITE : 0));
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
      } catch (CancelledKeyException | ClosedSelectorException closedMeanwhile) {
        throw new ClosedChannelException(); // the connection was closed by another thread
      }
    }
  }

  /** A sender left bytes for this thread to write: it stops waiting and looks. */
  synchronized void wakeup() {
    if (!closed) { // a closed selector cannot be woken: nothing waits in it
      selector.wakeup();
    }
  }

  /** Called by the connection's thread when it ends. */
  @Override
  public synchronized void close() throws IOException {
    closed = true;
    selector.close();
  }
}
