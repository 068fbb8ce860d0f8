package org.pbft.node;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Message;
import org.pbft.core.message.Prepare;

/**
 * The slots this replica is done voting in, as its event loop publishes them, for the connection
 * threads that open frames, so that they drop a vote the replica can no longer use before it
 * costs a signature check or a step of the core (and, with durability on, a record in the input
 * log). Not delivering a message is always allowed: the network may lose it.
 *
 * <ul>
 *   <li>A PREPARE for a slot the replica is prepared in, in the PREPARE's view: its prepared
 *       certificate, the one it would show in a VIEW-CHANGE, is complete, with signatures it
 *       checked. A backup needs only one other backup's PREPARE besides its own, the primary two
 *       of three: about one signature check in three of a batch's is saved. A slot is marked when
 *       the replica sends its COMMIT, which it does once prepared.
 *   <li>A COMMIT for a slot the replica executed, in the view it was committed-local in: COMMITs
 *       serve only to become committed-local, and no certificate the replica shows carries them.
 *       It needs two other replicas' COMMITs besides its own; the third's is dropped (COMMITs
 *       carry a link MAC only, checked before this: what is saved is the core's step). A slot is
 *       marked when the replica executes it.
 * </ul>
 *
 * <p>A mark is kept per sequence number modulo {@link #SLOTS}; a newer one replaces an older one,
 * which then only stops saving work. Never a false mark: a vote is dropped only for the very
 * view and sequence number marked.
 */
final class SettledSlots {
  static final int SLOTS = 1024;

  private record Mark(long view, long seq) {}

  private final AtomicReferenceArray<Mark> prepared = new AtomicReferenceArray<>(SLOTS);
  private final AtomicReferenceArray<Mark> executed = new AtomicReferenceArray<>(SLOTS);

  /** The replica is prepared in {@code view} at {@code seq} (it sends its COMMIT). */
  void prepared(long view, long seq) {
    prepared.set(index(seq), new Mark(view, seq));
  }

  /** The replica executed {@code seq}, committed-local in {@code view}. */
  void executed(long view, long seq) {
    executed.set(index(seq), new Mark(view, seq));
  }

  /**
   * True for a PREPARE of a view and sequence number the replica is prepared in, and a COMMIT of
   * one it executed.
   */
  boolean needless(Message m) {
    if (m instanceof Prepare p) {
      return marked(prepared, p.view(), p.seq());
    }
    if (m instanceof Commit c) {
      return marked(executed, c.view(), c.seq());
    }
    return false;
  }

  private static boolean marked(AtomicReferenceArray<Mark> marks, long view, long seq) {
    Mark mark = marks.get(index(seq));
    return mark != null && mark.seq() == seq && mark.view() == view;
  }

  private static int index(long seq) {
    return (int) Math.floorMod(seq, (long) SLOTS);
  }
}
