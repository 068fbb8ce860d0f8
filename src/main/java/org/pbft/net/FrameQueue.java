package org.pbft.net;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Outgoing frames for one peer that the socket has not taken yet, bounded in bytes rather than
 * in frames (a frame may be 16 MiB): a frame that would take the queue past its capacity is
 * refused, unless the queue is empty (a single frame larger than the capacity still goes,
 * alone). Frames put back at the head after a write that did not finish are always taken: they
 * were counted when they first came in.
 *
 * <p>Frames a writer has taken out no longer count: it holds at most one burst, and writes it at
 * once, so what waits for a peer stays within the capacity plus one burst.
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
    return true;
  }

  /**
   * Moves up to {@code max} frames from the head to {@code into}, in order, under one lock;
   * returns how many.
   */
  synchronized int drainTo(List<byte[]> into, int max) {
    int moved = 0;
    while (moved < max && !frames.isEmpty()) {
      byte[] frame = frames.pollFirst();
      bytes -= frame.length;
      into.add(frame);
      moved++;
    }
    return moved;
  }

  /** Puts {@code unwritten} back at the head, in their order, to be written first. */
  synchronized void putBack(List<byte[]> unwritten) {
    for (int i = unwritten.size() - 1; i >= 0; i--) {
      frames.addFirst(unwritten.get(i));
      bytes += unwritten.get(i).length;
    }
  }

  synchronized boolean isEmpty() {
    return frames.isEmpty();
  }

  synchronized long queuedBytes() {
    return bytes;
  }

  long capacityBytes() {
    return capacityBytes;
  }
}
