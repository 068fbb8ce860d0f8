package org.pbft.core;

import static org.pbft.core.IgnoreReason.*;

import java.util.Optional;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.StateSnapshot;

/**
 * Checkpoints of one replica, PBFT.tla!CheckpointNext: CHECKPOINT messages, the stable checkpoint
 * that raises the low watermark and collects the log, and the state transfer of a replica that
 * is behind one (FETCH-STATE, the snapshot that answers it). The handlers record what arrived;
 * {@link #stableCheckpoint} and {@link #stateTransfer} are actions {@link Replica}'s progress
 * loop fires when the state enables them.
 */
final class Checkpointing {
  private final ReplicaState state;
  /**
   * The owner of the next sequence number and of execution: a stable checkpoint raises the one,
   * an installed state resumes the other.
   */
  private final NormalCase normalCase;
  /** When FETCH-STATE was last sent (ticks), and how long to wait before sending it again. */
  private long fetchSentAt;
  private long fetchBackoff;

  Checkpointing(ReplicaState state, NormalCase normalCase) {
    this.state = state;
    this.normalCase = normalCase;
  }

  /** After executing n with n % K == 0: records the state and multicasts CHECKPOINT. */
  void sendCheckpoint(long n) {
    byte[] snapshot = CheckpointState.capture(state.service, state.clients);
    Checkpoint c = new Checkpoint(n, Digest.of(snapshot), state.id);
    state.checkpoints.recordOwnState(n, snapshot);
    state.checkpoints.add(c);
    state.broadcast(c);
  }

  /**
   * A CHECKPOINT above the stable checkpoint is kept; 2f+1 matching ones make it stable. Above
   * the window only the sender's highest is kept: enough for a replica that is behind to learn
   * where the others are, and no more than one per sender, whatever a faulty one sends.
   */
  void onCheckpoint(int from, Checkpoint c) {
    IgnoreReason reason = null;
    long windowTop = state.h() + state.config.logWindow();
    if (from != c.replica()) {
      reason = WRONG_SENDER;
    } else if (c.seq() <= state.h()) {
      reason = STALE;
    } else if (c.seq() % state.config.checkpointInterval() != 0) {
      reason = NOT_A_CHECKPOINT;
    } else if (c.seq() > windowTop) {
      reason = keepAhead(c, windowTop);
    } else if (!state.checkpoints.add(c)) {
      reason = DUPLICATE;
    }
    if (reason != null) {
      state.ignore(reason, c);
    }
  }

  /** Keeps {@code c}, above the window, as its sender's highest; the reason if it is not. */
  private IgnoreReason keepAhead(Checkpoint c, long windowTop) {
    Optional<Checkpoint> held = state.checkpoints.aheadOf(c.replica(), windowTop);
    if (held.isPresent() && held.get().seq() >= c.seq()) {
      return held.get().seq() == c.seq() ? DUPLICATE : STALE;
    }
    held.ifPresent(old -> {
      state.checkpoints.remove(old);
      state.ignore(SUPERSEDED, old);
    });
    state.checkpoints.add(c);
    return null;
  }

  /**
   * Spec: PBFT.tla!StableCheckpoint. 2f+1 matching CHECKPOINTs for n above h, and this replica
   * executed up to n: the highest such n becomes the low watermark h and the log at or below it
   * is discarded. True if it fired.
   */
  boolean stableCheckpoint() {
    return adoptAs(SpecAction.StableCheckpoint, state.checkpoints
        .highestCertified(state.lastExecuted, state.quorums.stableCheckpoint()));
  }

  /**
   * Spec: PBFT.tla!StateTransfer. The replica is behind a stable checkpoint (2f+1 matching
   * CHECKPOINTs for an n it has not executed to): it adopts the highest as its low watermark and
   * fetches the state from the replicas that certified it. Execution waits until a state whose
   * digest is the certified one arrives ({@link #onStateSnapshot}), and so does ordering: a
   * primary resumes there. True if it fired.
   */
  boolean stateTransfer() {
    return adoptAs(SpecAction.StateTransfer, state.checkpoints
        .highestCertified(Long.MAX_VALUE, state.quorums.stableCheckpoint())
        .filter(c -> c.seq() > state.lastExecuted));
  }

  /**
   * The one body of {@link #stableCheckpoint} and {@link #stateTransfer}, which differ only in
   * which certified checkpoint they take: adopts it, if there is one, and traces it as
   * {@code action}. True if it did.
   */
  private boolean adoptAs(SpecAction action, Optional<CertifiedCheckpoint> certified) {
    certified.ifPresent(c -> {
      adoptCheckpoint(c);
      state.trace(action, -1, c.seq(), c.stateDigest());
    });
    return certified.isPresent();
  }

  /** PBFT.tla!AdoptCheckpoint: raise h, discard the log, fetch the state if behind. */
  void adoptCheckpoint(CertifiedCheckpoint c) {
    state.checkpoints.stabilize(c);
    state.log.collectGarbage(c.seq());
    normalCase.orderAboveCheckpoint(c.seq());
    if (c.seq() > state.lastExecuted) {
      state.stateFetch = c;
      fetchBackoff = firstFetchRetry();
      sendFetchState(c);
    } else {
      state.stateFetch = null;
    }
  }

  /** FETCH-STATE to every other replica that certified {@code c}: one correct one answers. */
  private void sendFetchState(CertifiedCheckpoint c) {
    fetchSentAt = state.timer.now();
    c.proof().stream()
        .mapToInt(Checkpoint::replica)
        .filter(q -> q != state.id)
        .distinct()
        .forEach(q -> state.send(q, new FetchState(c.seq(), state.id)));
  }

  private long firstFetchRetry() {
    return Math.max(1, state.config.viewChangeTimeout() / 2);
  }

  /**
   * On a tick: a state asked for and not received (the request or the snapshot was lost, or the
   * replicas asked were slow) is asked for again, with the wait doubling up to 16 times the
   * first, so that a lossy network heals without waiting for the next checkpoint.
   */
  void retransmitFetchStateIfDue() {
    if (state.stateFetch == null || state.timer.now() - fetchSentAt < fetchBackoff) {
      return;
    }
    fetchBackoff = Math.min(fetchBackoff * 2, 16 * firstFetchRetry());
    sendFetchState(state.stateFetch);
  }

  /** Serves a checkpointed state this replica holds. */
  void onFetchState(int from, FetchState f) {
    if (from != f.replica()) {
      state.ignore(WRONG_SENDER, f);
      return;
    }
    Optional<byte[]> snapshot = state.checkpoints.ownState(f.seq());
    if (snapshot.isEmpty()) {
      state.ignore(NO_STATE, f);
      return;
    }
    state.send(from, new StateSnapshot(f.seq(), snapshot.get(), state.id));
  }

  /** Completes a state transfer: installs the fetched state if its digest is the certified one;
   * execution resumes with what the log holds above it. */
  void onStateSnapshot(int from, StateSnapshot s) {
    IgnoreReason reason = null;
    if (from != s.replica()) {
      reason = WRONG_SENDER;
    } else if (state.stateFetch == null || s.seq() != state.stateFetch.seq()) {
      reason = STALE;
    } else if (!Digest.of(s.state()).equals(state.stateFetch.stateDigest())) {
      reason = BAD_DIGEST;
    }
    if (reason != null) {
      state.ignore(reason, s);
      return;
    }
    CheckpointState.restore(s.state(), state.service, state.clients);
    state.checkpoints.recordOwnState(s.seq(), s.state());
    state.stateFetch = null;
    normalCase.resumeAfterInstalledState(s.seq());
  }
}
