package org.pbft.node;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.pbft.core.message.Message;
import org.pbft.core.message.Prepare;

/**
 * The slots this replica is prepared in, as its event loop publishes them, for the connection
 * threads that open frames: a PREPARE for a slot already prepared in the PREPARE's view adds
 * nothing the replica can use (its prepared certificate, the one it would show in a VIEW-CHANGE,
 * is complete, with signatures it checked), so it is dropped before its signature is checked. Not
 * delivering a message is always allowed: the network may lose it. A backup needs only one other
 * backup's PREPARE besides its own, the primary two of three: about one verification in three
 * of a batch's is saved.
 *
 * <p>A slot is marked when the replica sends its COMMIT, which it does once prepared. A mark is
 * kept per sequence number modulo {@link #SLOTS}; a newer one replaces an older one, which then
 * only stops saving work. Never a false mark: a PREPARE is dropped only for the very view and
 * sequence number the replica sent its COMMIT for.
 */
final class PreparedSlots {
  static final int SLOTS = 1024;

  private record Mark(long view, long seq) {}

  private final AtomicReferenceArray<Mark> marks = new AtomicReferenceArray<>(SLOTS);

  /** The replica is prepared in {@code view} at {@code seq} (it sends its COMMIT). */
  void prepared(long view, long seq) {
    marks.set(index(seq), new Mark(view, seq));
  }

  /** True for a PREPARE of a view and sequence number the replica is prepared in. */
  boolean needless(Message m) {
    if (!(m instanceof Prepare p)) {
      return false;
    }
    Mark mark = marks.get(index(p.seq()));
    return mark != null && mark.seq() == p.seq() && mark.view() == p.view();
  }

  private static int index(long seq) {
    return (int) Math.floorMod(seq, (long) SLOTS);
  }
}
