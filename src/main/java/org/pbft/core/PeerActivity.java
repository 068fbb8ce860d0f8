package org.pbft.core;

import java.util.Arrays;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Message;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.StatusReport;

/**
 * What this replica has seen the others do, for its view-change timer to tell a faulty primary
 * from its own lag: in which view each replica was last seen working (its PRE-PREPARE, PREPARE or
 * COMMIT of that view, or a STATUS in normal status there), how far each was seen to execute (its
 * CHECKPOINT at n, or the last execution its STATUS reports), where its last STATUS said it
 * waits, and when (in ticks); and the highest view whose primary it suspects.
 *
 * <p>Only the sender's own messages count, one entry per replica: f faulty replicas can claim
 * anything, so every decision asks for f + 1 of them ({@link Quorums#weak}), at least one correct.
 * Arrays of n entries: a peer cannot make it grow.
 */
final class PeerActivity {
  private final int self;
  private final long[] workingView;
  private final long[] workingSeenAt;
  private final long[] reached;
  private final long[] reachedAt;
  /** The last STATUS of each replica, and when it arrived (null: none yet). */
  private final StatusReport[] status;
  private final long[] statusAt;
  /** The highest view whose primary each replica's STATUS said it suspects (-1: none). */
  private final long[] suspected;

  PeerActivity(int self, int n) {
    this.self = self;
    this.workingView = new long[n];
    this.workingSeenAt = new long[n];
    this.reached = new long[n];
    this.reachedAt = new long[n];
    Arrays.fill(workingView, -1);
    Arrays.fill(workingSeenAt, Long.MIN_VALUE);
    Arrays.fill(reachedAt, Long.MIN_VALUE);
    this.status = new StatusReport[n];
    this.statusAt = new long[n];
    this.suspected = new long[n];
    Arrays.fill(suspected, -1);
  }

  /** Notes what {@code m}, received from {@code from} at tick {@code now}, shows of its sender. */
  void notice(int from, Message m, ReplicaConfig config, long now) {
    if (from < 0 || from >= workingView.length || from == self) {
      return;
    }
    if (m instanceof PrePrepare pp && config.primary(pp.view()) == from) {
      sawWorking(from, pp.view(), now);
    } else if (m instanceof Prepare p && p.replica() == from) {
      sawWorking(from, p.view(), now);
    } else if (m instanceof Commit c && c.replica() == from) {
      sawWorking(from, c.view(), now);
    } else if (m instanceof Checkpoint c && c.replica() == from) {
      sawExecution(from, c.seq(), now);
    } else if (m instanceof StatusReport s && s.replica() == from) {
      status[from] = s;
      statusAt[from] = now;
      if (s.normal()) {
        sawWorking(from, s.view(), now);
      }
      if (s.suspects()) {
        suspected[from] = Math.max(suspected[from], s.view());
      }
      sawExecution(from, s.lastExecuted(), now);
    }
  }

  private void sawWorking(int q, long view, long now) {
    if (view >= workingView[q]) {
      workingView[q] = view;
      workingSeenAt[q] = now;
    }
  }

  private void sawExecution(int q, long seq, long now) {
    if (seq > reached[q]) {
      reached[q] = seq;
      reachedAt[q] = now;
    }
  }

  /** Replicas other than this one seen working in exactly {@code view} at or after {@code since}. */
  int workingIn(long view, long since) {
    int count = 0;
    for (int q = 0; q < workingView.length; q++) {
      if (workingView[q] == view && workingSeenAt[q] >= since) {
        count++;
      }
    }
    return count;
  }

  /**
   * Replicas other than this one whose last STATUS, at or after {@code since}, said they wait where
   * this replica waits: in {@code view}, in the same status, having executed no further, and
   * that showed no execution beyond it since (a CHECKPOINT, a later STATUS). They are stuck as
   * it is, so that its timer's expiry is not its own lag nor its being cut off.
   */
  java.util.Set<Integer> stuckWith(long view, boolean normal, long lastExecuted, long since) {
    java.util.Set<Integer> stuck = new java.util.TreeSet<>();
    for (int q = 0; q < status.length; q++) {
      StatusReport s = status[q];
      if (s != null && statusAt[q] >= since && s.view() == view && s.normal() == normal
          && s.lastExecuted() <= lastExecuted && reached[q] <= lastExecuted) {
        stuck.add(q);
      }
    }
    return stuck;
  }

  /**
   * Replicas other than this one that left {@code view} or vote to leave it: their STATUS
   * suspected its primary (or that of a later view), named a later view, or they were seen
   * working in a later view. A correct replica never takes such a vote back in that view, nor
   * goes back below a view it reached (proofs-notes/09).
   */
  java.util.Set<Integer> leaving(long view) {
    java.util.Set<Integer> leaving = new java.util.TreeSet<>();
    for (int q = 0; q < workingView.length; q++) {
      if (suspected[q] >= view || workingView[q] > view
          || (status[q] != null && status[q].view() > view)) {
        leaving.add(q);
      }
    }
    return leaving;
  }

  /** Replicas other than this one seen working in a view in {@code (above, upTo]}. */
  int workingAbove(long above, long upTo) {
    int count = 0;
    for (long v : workingView) {
      if (v > above && v <= upTo) {
        count++;
      }
    }
    return count;
  }

  /**
   * Replicas other than this one that showed, at or after {@code since}, an execution beyond
   * sequence number {@code n}.
   */
  int executedBeyond(long n, long since) {
    int count = 0;
    for (int q = 0; q < reached.length; q++) {
      if (reached[q] > n && reachedAt[q] >= since) {
        count++;
      }
    }
    return count;
  }
}
