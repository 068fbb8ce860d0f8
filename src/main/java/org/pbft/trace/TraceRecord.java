package org.pbft.trace;

import java.nio.file.Path;
import org.pbft.core.SpecAction;

/**
 * One event of a trace as read from its file: a spec action taken by a replica (the fields of
 * {@link org.pbft.core.TraceEvent}), its position in the run's causal order ({@code step}, a
 * Lamport clock) and where it was read.
 *
 * @param file the NDJSON file
 * @param line the line number in {@code file}, from 1
 * @param step the merge key: the simulator's global step, or a Lamport clock
 * @param tick logical time, or -1 when the line has none
 * @param replica the replica that took the action
 * @param action the spec action
 * @param view the view, or -1
 * @param seq the sequence number, or -1
 * @param digest the digest in hex (of a batch, or of a state), or null
 * @param newView V and O for SendNewView and ReceiveNewView, else null
 */
public record TraceRecord(
    Path file, int line, long step, long tick, int replica, SpecAction action, long view,
    long seq, String digest, TracedNewView newView) {

  /** An event that is not a NEW-VIEW. */
  public TraceRecord(Path file, int line, long step, long tick, int replica, SpecAction action,
      long view, long seq, String digest) {
    this(file, line, step, tick, replica, action, view, seq, digest, null);
  }

  /** Where the event was read, as {@code file:line}. */
  public String where() {
    return file + ":" + line;
  }

  /** The event in one line, with the fields that matter for the spec. */
  public String describe() {
    StringBuilder b = new StringBuilder(action.name()).append(" replica ").append(replica);
    if (view >= 0) {
      b.append(" view ").append(view);
    }
    if (seq >= 0) {
      b.append(" seq ").append(seq);
    }
    if (digest != null) {
      b.append(" digest ").append(digest, 0, Math.min(12, digest.length()));
    }
    if (newView != null) {
      b.append(" V from ").append(newView.viewChanges().stream()
              .map(vc -> Integer.toString(vc.replica())).toList())
          .append(", O of ").append(newView.prePrepares().size());
    }
    return b.append(" (step ").append(step).append(')').toString();
  }
}
