package org.pbft.net;

import java.util.ArrayDeque;
import java.util.List;
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

  /**
   * Moves every queued frame to {@code into}, in order, waiting up to {@code timeout} for the
   * first; false if none came. One lock for a whole burst, not one per frame: the writer and the
   * threads that queue contend for it. The burst's bytes still count against the capacity until
   * the writer reports them {@link #written}, so that frames in hand and queued stay bounded
   * together.
   */
  synchronized boolean drainTo(List<byte[]> into, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (frames.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    into.addAll(frames);
    frames.clear();
    return true;
  }

  /** The writer wrote frames of {@code burstBytes} of a burst; true if nothing is queued now. */
  synchronized boolean written(long burstBytes) {
    bytes -= burstBytes;
    return frames.isEmpty();
  }

  /**
   * Puts back the frames of a burst that were not written (the first is the one whose write
   * failed), in their order, to be sent first on the next connection; {@code writtenBytes} of
   * the burst before them were written.
   */
  synchronized void putBack(List<byte[]> unwritten, long writtenBytes) {
    for (int i = unwritten.size() - 1; i >= 0; i--) {
      frames.addFirst(unwritten.get(i));
    }
    bytes -= writtenBytes;
    notifyAll();
  }

  long capacityBytes() {
    return capacityBytes;
  }
}
