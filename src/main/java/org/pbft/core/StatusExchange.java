package org.pbft.core;

import static org.pbft.core.IgnoreReason.RATE_LIMITED;
import static org.pbft.core.IgnoreReason.WRONG_SENDER;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.StatusReport;

/**
 * Retransmission, as Castro's thesis (section 5.2) does it: a replica that made no progress for
 * a status interval while it waits for something multicasts a STATUS saying where it is; a
 * replica that is further along answers with the messages it sent itself that the other may have
 * lost. The network may drop any message, and without this only a view change (or the next
 * checkpoint, while requests keep coming) would recover from a lost PREPARE, COMMIT or
 * CHECKPOINT; lost CHECKPOINTs with a full window stop every replica at once.
 *
 * <p>Every message sent again is one this replica sent before (in the spec, a message already in
 * the network's sets, which a replica may receive at any time), so none of this is a spec action
 * and none of it is traced. A replica answers each other replica at most twice per interval
 * ({@link IgnoreReason#RATE_LIMITED}), and an answer holds at most the window's slots and
 * checkpoints: a faulty replica's STATUS cannot make it send more.
 */
final class StatusExchange {
  private final ReplicaState state;
  private final ViewChanging viewChanging;
  /** What progress looked like at the last tick, and since when it has not changed. */
  private Progress lastProgress;
  private long progressSince;
  private long statusSentAt = Long.MIN_VALUE / 2;
  /** Ticks until the next STATUS: an interval, doubling after a timeout without progress. */
  private long wait;
  /** By replica, when its STATUS was last answered (ticks). */
  private final long[] answeredAt;

  StatusExchange(ReplicaState state, ViewChanging viewChanging) {
    this.state = state;
    this.viewChanging = viewChanging;
    this.answeredAt = new long[state.config.n()];
    Arrays.fill(answeredAt, Long.MIN_VALUE / 2);
  }

  /** Ticks without progress before the first STATUS, and between STATUS messages after it. */
  private long interval() {
    return Math.max(1, state.config.viewChangeTimeout() / 8);
  }

  /**
   * Ticks between two answers to one replica: half an interval, so that network jitter between
   * two STATUS messages sent an interval apart does not get the second one refused.
   */
  private long answerSpacing() {
    return Math.max(1, interval() / 2);
  }

  private record Progress(long view, Replica.Status status, long h, long lastExecuted) {}

  /**
   * On a tick: a replica that waits for something and has not moved for an interval says where
   * it is. One waiting for a NEW-VIEW sends its VIEW-CHANGE again too, and a primary its
   * PRE-PREPAREs: that may be what was lost.
   * Once nothing has moved for a view-change timeout, each STATUS waits twice as long as the
   * last, up to that timeout: a replica cut off from the others does not keep the network busy.
   */
  void onTick() {
    long now = state.timer.now();
    Progress p = new Progress(state.view, state.status, state.h(), state.lastExecuted);
    if (!p.equals(lastProgress) || !waiting()) {
      lastProgress = p;
      progressSince = now;
      wait = interval();
      return;
    }
    if (now - Math.max(progressSince, statusSentAt) < wait) {
      return;
    }
    statusSentAt = now;
    if (now - progressSince >= state.config.viewChangeTimeout()) {
      wait = Math.min(2 * wait, Math.max(interval(), state.config.viewChangeTimeout()));
    }
    state.broadcast(ownStatus());
    viewChanging.ownViewChange(state.view).ifPresent(state::broadcast);
    resendOwnPrePrepares();
  }

  /**
   * A primary that waits multicasts its PRE-PREPAREs above its last execution again: if one was
   * lost to every backup, none of them knows of its slot or waits for it, so none asks.
   */
  private void resendOwnPrePrepares() {
    if (!state.isPrimary() || state.status != Replica.Status.NORMAL) {
      return;
    }
    for (Slot slot : slotsOfViewAbove(Math.max(state.lastExecuted, state.h()))) {
      if (slot.prePrepare() != null) {
        state.broadcast(slot.prePrepare());
      }
    }
  }

  /** The log's slots of this replica's view above {@code after}, up to the window's top. */
  private List<Slot> slotsOfViewAbove(long after) {
    List<Slot> slots = new ArrayList<>();
    long top = state.h() + state.config.logWindow();
    for (long n = after + 1; n <= top; n++) {
      state.log.find(state.view, n).ifPresent(slots::add);
    }
    return slots;
  }

  /**
   * Waiting: for requests to execute, for a NEW-VIEW, for a state, for the slots of this view it
   * has heard of, for the PREPAREs of a slot it executed in an earlier view and must commit again
   * in this one (the others may wait for its COMMIT), for its own latest CHECKPOINT to become
   * stable, or with its timer running (its primary left the view). A replica with none of
   * these stays quiet, so an idle group sends nothing.
   */
  private boolean waiting() {
    return !state.pending.isEmpty()
        || state.timer.running()
        || state.status != Replica.Status.NORMAL
        || state.stateFetch != null
        || state.log.hasSlotAbove(state.view, state.lastExecuted)
        || state.log.hasUnpreparedSlotUpTo(state.view, state.lastExecuted)
        || !state.checkpoints.ownCheckpoints(state.id, state.h()).isEmpty();
  }

  /** The tick since which this replica's view, status, h and execution have not changed. */
  long stalledSince() {
    return progressSince;
  }

  /** Answers a STATUS with what this replica sent and the other may lack. */
  void onStatusReport(int from, StatusReport s) {
    long now = state.timer.now();
    if (from != s.replica() || from == state.id) {
      state.ignore(WRONG_SENDER, s);
      return;
    }
    if (now - answeredAt[from] < answerSpacing()) {
      state.ignore(RATE_LIMITED, s);
      return;
    }
    answeredAt[from] = now;
    for (Checkpoint c : state.checkpoints.ownCheckpoints(state.id, s.stableCheckpoint())) {
      state.send(from, c);
    }
    if (s.view() < state.view || (s.view() == state.view && !s.normal())) {
      viewChanging.resendForView(from, s.view());
    } else if (s.view() == state.view && state.status == Replica.Status.NORMAL) {
      // Above the other's stable checkpoint, not its execution: a replica as far along, or
      // further, may still need this one's votes of this view for slots it ran in an earlier
      // view, to send its own COMMIT of this view, which the others wait for. The window bounds
      // the answer.
      resendNormalCase(from, Math.max(s.stableCheckpoint(), state.h()));
    }
    if (s.view() == state.view && state.status == Replica.Status.NORMAL
        && (!s.normal() || s.lastExecuted() < state.lastExecuted)) {
      state.send(from, ownStatus());
    }
  }

  /**
   * Where this replica is. Sent to a replica of its view that waits for the NEW-VIEW or has
   * executed less, too: it shows that this replica works in that view, so that the other's timer
   * finds it behind rather than facing a faulty primary (ViewChanging#onViewChangeTimeout). Never
   * sent to a replica that is as far along: two replicas do not answer each other's answers.
   */
  private StatusReport ownStatus() {
    return state.statusReport();
  }

  /**
   * This replica's PRE-PREPARE (if it is the primary), PREPARE and COMMIT of its view for every
   * sequence number above {@code after} in the window.
   */
  private void resendNormalCase(int to, long after) {
    for (Slot slot : slotsOfViewAbove(after)) {
      if (state.isPrimary() && slot.prePrepare() != null) {
        state.send(to, slot.prePrepare());
      }
      if (slot.prepareFrom(state.id) != null) {
        state.send(to, slot.prepareFrom(state.id));
      }
      if (slot.commitFrom(state.id) != null) {
        state.send(to, slot.commitFrom(state.id));
      }
    }
  }
}
