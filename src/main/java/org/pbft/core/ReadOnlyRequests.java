package org.pbft.core;

import static org.pbft.core.IgnoreReason.*;

import java.util.Optional;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/**
 * Read-only requests (Castro and Liskov, section 5.1), answered outside the spec: PBFT.tla orders
 * every request, and this path changes nothing the spec holds, so it has no spec action and
 * emits no trace event.
 */
final class ReadOnlyRequests {
  private final ReplicaState state;

  ReadOnlyRequests(ReplicaState state) {
    this.state = state;
  }

  /**
   * A read-only request: executed at once against the current state and answered with a
   * read-only reply; never relayed to the primary, never ordered, and neither the state nor the
   * client table changes. The client accepts the result only from {@link
   * Quorums#readOnlyReply()} matching replies, and falls back to an ordered request when it does
   * not get them.
   *
   * <p>Not a spec action: no spec name, no trace event.
   */
  void onReadOnlyRequest(Request r) {
    IgnoreReason reason = readOnlyGuard(r);
    if (reason != null) {
      state.ignore(reason, r);
      return;
    }
    Optional<byte[]> result = state.service.executeReadOnly(r.operation());
    if (result.isEmpty()) {
      state.ignore(NOT_READ_ONLY, r);
      return;
    }
    state.emit(new Effect.SendReply(
        new Reply(state.view, r.timestamp(), r.clientId(), state.id, result.get(), true)));
  }

  /**
   * A replica answers read-only in normal status only (waiting for a NEW-VIEW, its view is one
   * that may never start, and the reply would report it to the client) and not while it fetches
   * the state of a stable checkpoint (its own state is behind it). A timestamp the client table
   * already reached is one whose ordered fallback has executed: the client no longer reads it
   * read-only.
   */
  private IgnoreReason readOnlyGuard(Request r) {
    if (state.status != Replica.Status.NORMAL) {
      return VIEW_CHANGE_IN_PROGRESS;
    }
    if (state.stateFetch != null) {
      return STATE_TRANSFER_IN_PROGRESS;
    }
    if (state.clients.executed(r.clientId(), r.timestamp())) {
      return STALE;
    }
    return null;
  }
}
