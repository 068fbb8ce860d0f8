package org.pbft.net;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Outgoing frames for one peer, bounded in bytes rather than in frames (a frame may be 16 MiB):
 * a frame that would take the queue past its capacity is refused, unless the queue is empty (a
 * single frame larger than the capacity still goes, alone). A frame put back at the head after a
 * failed write is always taken: it was counted when it first came in.
 */
final class FrameQueue {
  private final long capacityBytes;
  private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
  private long bytes;

  FrameQueue(long capacityBytes) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("queue capacity " + capacityBytes + " bytes");
    }
    this.capacityBytes = capacityBytes;
  }

  /** Appends {@code frame}; false if it does not fit. */
  synchronized boolean offer(byte[] frame) {
    if (!frames.isEmpty() && bytes + frame.length > capacityBytes) {
      return false;
    }
    frames.addLast(frame);
    bytes += frame.length;
    notifyAll();
    return true;
  }

  /** Puts back a frame whose write failed, to be sent first on the next connection. */
  synchronized void putBack(byte[] frame) {
    frames.addFirst(frame);
    bytes += frame.length;
    notifyAll();
  }

  /** The next frame, waiting up to {@code timeout}; null if none came. */
  synchronized byte[] poll(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (frames.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    byte[] frame = frames.removeFirst();
    bytes -= frame.length;
    return frame;
  }

  long capacityBytes() {
    return capacityBytes;
  }

  synchronized boolean isEmpty() {
    return frames.isEmpty();
  }
}
