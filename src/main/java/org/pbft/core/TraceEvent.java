package org.pbft.core;

import org.pbft.core.message.Digest;
import org.pbft.core.message.NewView;

/**
 * One spec action taken by {@code replica}, with the arguments that pin it down: the view, the
 * sequence number and the digest (of a batch, or of a state for checkpoints). Arguments an action
 * does not have are -1 (numbers) or null (digest and NEW-VIEW). For view-change actions {@code
 * view} is the view moved to.
 *
 * <p>For SendNewView and ReceiveNewView, {@code seq} is minS, the checkpoint the NEW-VIEW adopts,
 * {@code digest} that checkpoint's state digest, and {@code newView} the NEW-VIEW sent or accepted:
 * its V and O pin down the spec's {@code nv}, which the spec otherwise would have to search for
 * among every NEW-VIEW a primary could justify. The message is immutable, so the event refers to
 * it instead of copying it: tracing costs nothing more when it is off.
 */
public record TraceEvent(
    SpecAction action, int replica, long view, long seq, Digest digest, NewView newView) {

  /** An event of an action that is not a NEW-VIEW. */
  public TraceEvent(SpecAction action, int replica, long view, long seq, Digest digest) {
    this(action, replica, view, seq, digest, null);
  }
}
