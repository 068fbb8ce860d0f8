package org.pbft.wire;

import java.util.List;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.ViewChange;

/**
 * The signatures one accepted frame carried, waiting for the core's verdict: a replica keeps
 * them ({@link SecureChannel#keep}) only if the core accepted the message, so that what it
 * remembers is bounded by what the core holds, never by what peers send.
 */
public final class Evidence {
  static final Evidence NONE = new Evidence(List.of());

  /** One signature, with the state of the replica at which it becomes garbage. */
  record Item(Digest key, byte[] signature, Retention retention) {}

  private final List<Item> items;

  Evidence(List<Item> items) {
    this.items = List.copyOf(items);
  }

  List<Item> items() {
    return items;
  }

  public int size() {
    return items.size();
  }

  /**
   * When a signature stops being needed: once the low watermark h is at least {@code garbageAtH}
   * and the view at least {@code garbageAtView} (both, for a message nested in a VIEW-CHANGE or
   * NEW-VIEW that the replica may still forward).
   */
  public record Retention(long garbageAtH, long garbageAtView) {
    static final long NEVER_NEEDED = Long.MIN_VALUE;

    boolean isGarbage(long h, long view) {
      return h >= garbageAtH && view >= garbageAtView;
    }

    Retention longest(Retention other) {
      return new Retention(Math.max(garbageAtH, other.garbageAtH),
          Math.max(garbageAtView, other.garbageAtView));
    }

    /**
     * For {@code part}, signed, inside {@code top} (the frame's message, maybe {@code part}
     * itself). The normal case's signatures go with the log, collected at the checkpoint above
     * them; a CHECKPOINT stays while it proves the stable checkpoint; a VIEW-CHANGE or NEW-VIEW,
     * and what it carries, while its view is current or ahead (the primary resends its
     * NEW-VIEW, and a VIEW-CHANGE proves it).
     */
    static Retention of(Message part, Message top) {
      long h = NEVER_NEEDED;
      long view = NEVER_NEEDED;
      if (part instanceof PrePrepare pp) {
        h = pp.seq();
      } else if (part instanceof Prepare p) {
        h = p.seq();
      } else if (part instanceof Commit c) {
        h = c.seq();
      } else if (part instanceof Checkpoint c) {
        h = c.seq() + 1;
      }
      view = Math.max(view, viewRetention(part));
      if (top != part) {
        view = Math.max(view, viewRetention(top));
      }
      return new Retention(h, view);
    }

    private static long viewRetention(Message m) {
      if (m instanceof ViewChange vc) {
        return vc.newView() + 1;
      }
      if (m instanceof NewView nv) {
        return nv.view() + 1;
      }
      return NEVER_NEEDED;
    }
  }
}
