package org.pbft.core;

import static org.pbft.core.IgnoreReason.*;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/**
 * Read-only requests (Castro and Liskov, section 5.1), answered outside the spec: PBFT.tla orders
 * every request, and this path changes nothing the spec holds, so it has no spec action and
 * emits no trace event.
 *
 * <p>A replica answers a read-only request only once it has executed every sequence number at
 * which it was prepared when the request arrived. A write that completed was committed at some
 * correct replica, so f+1 correct replicas had sent COMMIT for it (were prepared) before the
 * client saw its result; the 2f+1 replies a read needs include f+1 correct replicas too, and the
 * two groups share one, which therefore answers the read after executing the write. Without the
 * wait, replicas prepared but behind could answer from before the write, and with the faulty
 * replica's reply they make 2f+1 stale replies ({@code ReadOnlyLinearizabilityTest}).
 */
final class ReadOnlyRequests {
  private final ReplicaState state;
  /** By client: its read-only request held until lastExecuted reaches the sequence number. */
  private final Map<Long, Held> held = new TreeMap<>();

  private record Held(Request request, long untilExecuted) {}

  ReadOnlyRequests(ReplicaState state) {
    this.state = state;
  }

  /**
   * A read-only request: executed against the current state and answered with a read-only
   * reply, at once or, if this replica is prepared above its last execution, once it has
   * executed that far (a newer request of the client replaces one held); never relayed to the
   * primary, never ordered, and neither the state nor the client table changes. The client
   * accepts the result only from {@link Quorums#readOnlyReply()} matching replies, and falls back
   * to an ordered request when it does not get them.
   *
   * <p>Not a spec action: no spec name, no trace event.
   */
  void onReadOnlyRequest(Request r) {
    IgnoreReason reason = readOnlyGuard(r);
    if (reason != null) {
      state.ignore(reason, r);
      return;
    }
    long prepared = state.log.highestPrepared();
    if (prepared > state.lastExecuted) {
      Held old = held.put(r.clientId(), new Held(r, prepared));
      if (old != null && old.request().timestamp() != r.timestamp()) {
        state.ignore(SUPERSEDED, old.request());
      }
      return;
    }
    answer(r);
  }

  /** After a step: answers the held requests whose wait is over. */
  void answerHeld() {
    if (held.isEmpty()) {
      return;
    }
    for (var it = held.values().iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (h.untilExecuted() > state.lastExecuted) {
        continue;
      }
      IgnoreReason reason = readOnlyGuard(h.request());
      if (reason == VIEW_CHANGE_IN_PROGRESS || reason == STATE_TRANSFER_IN_PROGRESS) {
        continue; // answered once the replica is back in normal operation
      }
      it.remove();
      if (reason != null) {
        state.ignore(reason, h.request());
      } else {
        answer(h.request());
      }
    }
  }

  private void answer(Request r) {
    Optional<byte[]> result = state.service.executeReadOnly(r.operation());
    if (result.isEmpty()) {
      state.ignore(NOT_READ_ONLY, r);
      return;
    }
    Reply reply = new Reply(state.view, r.timestamp(), r.clientId(), state.id, result.get(), true);
    state.emit(new Effect.SendReply(ReplicaState.asSent(r, state.id, reply, false)));
  }

  /** Read-only requests waiting for execution, for tests of the bound (one per client). */
  int held() {
    return held.size();
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
