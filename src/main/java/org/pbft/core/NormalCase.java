package org.pbft.core;

import static org.pbft.core.IgnoreReason.*;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pbft.core.message.Commit;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Request;
import org.pbft.core.message.RequestKey;

/**
 * The normal case of one replica, PBFT.tla!NormalCaseNext: client requests, the three phases
 * (PRE-PREPARE, PREPARE, COMMIT) and execution in sequence order. Executing reaches checkpoints,
 * which {@link Checkpointing} handles.
 */
final class NormalCase {
  private final ReplicaState state;
  /**
   * Set once by {@link #connect}: checkpoints follow execution, and a new stable checkpoint or an
   * installed state lets ordering and execution go on, so the two phases call each other.
   */
  private Checkpointing checkpointing;
  /**
   * PRE-PREPAREs from the primary of a view this replica has not entered yet, by view and
   * sequence number: the network may deliver them before the NEW-VIEW of their view. They are
   * handled again when the replica enters that view; at most L per view.
   */
  private final TreeMap<Long, TreeMap<Long, PrePrepare>> early = new TreeMap<>();
  /** The sequence number the primary assigns to its next batch. */
  private long nextSeq = 1;
  /** Requests already in a PRE-PREPARE of this view: the primary does not order them twice. */
  private final Set<RequestKey> orderedInView = new HashSet<>();

  NormalCase(ReplicaState state) {
    this.state = state;
  }

  void connect(Checkpointing checkpointing) {
    this.checkpointing = Objects.requireNonNull(checkpointing);
  }

  /**
   * A client request. Exactly-once: an old timestamp is ignored, the last one gets its cached
   * reply again; a newer request of a client replaces its older pending one. A backup relays it
   * to the primary; both wait for it with the view-change timer.
   */
  void onRequest(Request r) {
    Optional<ClientTable.Entry> last = state.clients.last(r.clientId());
    if (last.isPresent() && r.timestamp() < last.get().timestamp()) {
      state.ignore(STALE, r);
      return;
    }
    if (last.isPresent() && r.timestamp() == last.get().timestamp()) {
      state.reply(r, last.get().result());
      return;
    }
    PendingRequests.Admission admission = state.pending.add(r);
    if (admission == PendingRequests.Admission.OLDER_THAN_PENDING) {
      state.ignore(STALE, r);
      return;
    }
    if (admission == PendingRequests.Admission.REPLACED) {
      state.ignore(SUPERSEDED, state.pending.replaced());
    }
    boolean fresh = admission != PendingRequests.Admission.ALREADY_PENDING;
    state.timer.startIfStopped();
    if (!state.isPrimary()) {
      state.send(state.config.primary(state.view), r);
    } else if (!fresh) {
      state.ignore(DUPLICATE, r);
    } else {
      sendPrePrepare();
    }
  }

  /**
   * Spec: PBFT.tla!SendPrePrepare. The primary orders the next batch of waiting requests (at most
   * maxBatch, none executed or ordered in this view) at the next sequence number, while that
   * number is inside the window and fewer than maxBatchesInFlight of its batches wait for
   * execution. Requests that arrive meanwhile form larger batches. While it fetches a state it
   * orders nothing: which of its waiting requests that state has executed (the spec's
   * executed[p], here the client table) arrives with the state.
   */
  void sendPrePrepare() {
    ReplicaConfig config = state.config;
    while (state.isPrimary() && state.status == Replica.Status.NORMAL && state.stateFetch == null
        && nextSeq <= state.h() + config.logWindow()
        && nextSeq - 1 - state.lastExecuted < config.maxBatchesInFlight()) {
      List<Request> batch = state.pending.values().stream()
          .filter(r -> !orderedInView.contains(r.key()))
          .filter(r -> !state.clients.executed(r.clientId(), r.timestamp()))
          .limit(config.maxBatch())
          .toList();
      if (batch.isEmpty()) {
        return;
      }
      PrePrepare pp = PrePrepare.of(state.view, nextSeq++, batch);
      state.log.slot(state.view, pp.seq()).accept(pp);
      batch.forEach(r -> orderedInView.add(r.key()));
      state.broadcast(pp);
      state.trace(SpecAction.SendPrePrepare, state.view, pp.seq(), pp.digest());
    }
  }

  /**
   * Spec: PBFT.tla!ReceivePrePrepare. A backup accepts a PRE-PREPARE from the primary of its
   * view, in normal status, carrying a non-null batch that matches its digest, inside the
   * watermarks, if it accepted no PRE-PREPARE at (v, n) yet; it multicasts PREPARE.
   */
  void onPrePrepare(int from, PrePrepare pp) {
    IgnoreReason reason = prePrepareGuard(from, pp);
    if (reason != null) {
      boolean held = (reason == WRONG_VIEW || reason == VIEW_CHANGE_IN_PROGRESS)
          && keepForItsView(from, pp);
      if (!held) {
        state.ignore(reason, pp);
      }
      return;
    }
    Slot slot = state.log.slot(state.view, pp.seq());
    slot.accept(pp);
    Prepare prepare = new Prepare(state.view, pp.seq(), pp.digest(), state.id);
    slot.addPrepare(prepare);
    state.broadcast(prepare);
    state.trace(SpecAction.ReceivePrePrepare, state.view, pp.seq(), pp.digest());
    sendCommit(slot);
  }

  /**
   * Keeps a PRE-PREPARE of a view above this replica's, or of the view it waits to enter; true
   * if it is held (not ignored: the replica may later act on it, and show it in a certificate).
   */
  private boolean keepForItsView(int from, PrePrepare pp) {
    boolean waitingForIt = pp.view() == state.view && state.status == Replica.Status.VIEW_CHANGE;
    boolean ahead =
        pp.view() > state.view && pp.view() <= state.view + state.config.maxViewsAhead();
    if (from != state.config.primary(pp.view()) || !(waitingForIt || ahead)) {
      return false;
    }
    TreeMap<Long, PrePrepare> forView = early.computeIfAbsent(pp.view(), v -> new TreeMap<>());
    if (forView.size() >= state.config.logWindow() || forView.containsKey(pp.seq())) {
      return false;
    }
    forView.put(pp.seq(), pp);
    return true;
  }

  /** A new view: nothing is ordered in it yet. */
  void leftView() {
    orderedInView.clear();
  }

  /** {@code pp} is accepted in this view from its NEW-VIEW: its requests are ordered in it. */
  void orderedThroughNewView(PrePrepare pp) {
    pp.requests().forEach(r -> orderedInView.add(r.key()));
  }

  /** As the new primary: the next batch goes after {@code lastUsed}. */
  void orderAfter(long lastUsed) {
    nextSeq = lastUsed + 1;
  }

  /** A stable checkpoint at {@code n}: sequence numbers at or below it are never ordered again. */
  void orderAboveCheckpoint(long n) {
    nextSeq = Math.max(nextSeq, n + 1);
  }

  /**
   * State transfer installed the state at {@code n}: execution resumes after it (the log may
   * hold what committed meanwhile), and the requests that state executed no longer wait.
   */
  void resumeAfterInstalledState(long n) {
    state.lastExecuted = n;
    requestsExecuted();
    execute();
  }

  /** Requests ordered in this view and not executed, for tests of the bounds. */
  int orderedInViewCount() {
    return orderedInView.size();
  }

  /**
   * The replica has just entered its view: the PRE-PREPAREs of that view that arrived before it
   * are handled now, and those of views it skipped are dropped.
   */
  void handleEarlyPrePrepares() {
    TreeMap<Long, PrePrepare> arrivedEarly = early.remove(state.view);
    early.headMap(state.view, false).clear();
    if (arrivedEarly != null) {
      arrivedEarly.values().forEach(pp -> onPrePrepare(state.config.primary(state.view), pp));
    }
  }

  private IgnoreReason prePrepareGuard(int from, PrePrepare pp) {
    ReplicaConfig config = state.config;
    if (from != config.primary(pp.view()) || from == state.id) {
      return NOT_PRIMARY;
    }
    if (pp.view() != state.view) {
      return WRONG_VIEW;
    }
    if (state.status != Replica.Status.NORMAL) {
      return VIEW_CHANGE_IN_PROGRESS;
    }
    if (pp.requests().isEmpty()) {
      return NULL_REQUEST;
    }
    if (pp.requests().size() > config.maxBatch()) {
      return BATCH_TOO_LARGE;
    }
    if (pp.requests().stream().anyMatch(Request::readOnly)) {
      return READ_ONLY_IN_BATCH;
    }
    if (!pp.digestMatches()) {
      return BAD_DIGEST;
    }
    if (!state.inWindow(pp.seq())) {
      return OUTSIDE_WATERMARKS;
    }
    PrePrepare accepted =
        state.log.find(state.view, pp.seq()).map(Slot::prePrepare).orElse(null);
    if (accepted != null) {
      return accepted.digest().equals(pp.digest()) ? DUPLICATE : CONFLICTING_PRE_PREPARE;
    }
    return null;
  }

  /** A PREPARE from a backup goes into the log; it may make this replica prepared. */
  void onPrepare(int from, Prepare p) {
    IgnoreReason reason = voteGuard(from, p.replica(), p.view(), p.seq());
    if (reason == null && p.replica() == state.config.primary(p.view())) {
      reason = NOT_BACKUP;
    }
    if (reason == null && state.log.find(p.view(), p.seq())
        .map(s -> s.hasPrepareFrom(p.replica())).orElse(false)) {
      reason = DUPLICATE;
    }
    if (reason != null) {
      state.ignore(reason, p);
      return;
    }
    Slot slot = state.log.slot(p.view(), p.seq());
    slot.addPrepare(p);
    sendCommit(slot);
  }

  /**
   * Guards shared by PREPARE and COMMIT: sent by the replica named, for the current view or one
   * a little ahead (kept, since a NEW-VIEW may arrive after the votes of its view), inside the
   * watermarks.
   */
  private IgnoreReason voteGuard(int from, int replica, long v, long n) {
    if (from != replica) {
      return WRONG_SENDER;
    }
    if (v < state.view || v > state.view + state.config.maxViewsAhead()) {
      return WRONG_VIEW;
    }
    if (!state.inWindow(n)) {
      return OUTSIDE_WATERMARKS;
    }
    return null;
  }

  /**
   * Spec: PBFT.tla!SendCommit. In its view and normal status, a replica that accepted
   * PRE-PREPARE(v, n, d) and holds 2f matching PREPAREs from distinct backups is prepared: it
   * multicasts COMMIT, once.
   */
  void sendCommit(Slot slot) {
    PrePrepare pp = slot.prePrepare();
    if (slot.view != state.view || state.status != Replica.Status.NORMAL
        || !state.inWindow(slot.seq) || pp == null
        || slot.prepared()
        || slot.matchingPrepares(pp.digest(), state.config.primary(slot.view)).size()
            < state.quorums.preparesFromBackups()) {
      return;
    }
    slot.markPrepared();
    Commit commit = new Commit(slot.view, slot.seq, pp.digest(), state.id);
    slot.addCommit(commit);
    state.broadcast(commit);
    state.trace(SpecAction.SendCommit, slot.view, slot.seq, pp.digest());
    execute();
  }

  /** A COMMIT goes into the log (from any replica); it may complete committed-local. */
  void onCommit(int from, Commit c) {
    IgnoreReason reason = voteGuard(from, c.replica(), c.view(), c.seq());
    if (reason == null && state.log.find(c.view(), c.seq())
        .map(s -> s.hasCommitFrom(c.replica())).orElse(false)) {
      reason = DUPLICATE;
    }
    if (reason != null) {
      state.ignore(reason, c);
      return;
    }
    state.log.slot(c.view(), c.seq()).addCommit(c);
    execute();
  }

  /**
   * Spec: PBFT.tla!Execute. While the next sequence number is committed-local (prepared, and
   * 2f+1 matching COMMITs) in some view, runs its batch, strictly in sequence order. A request
   * executed before is not run again; its cached reply is sent. After each n with n % K == 0 it
   * multicasts CHECKPOINT with the digest of its state.
   */
  private void execute() {
    boolean executedAny = false;
    while (state.stateFetch == null) {
      long n = state.lastExecuted + 1;
      Optional<Slot> committed = state.log.committedLocal(n, state.quorums.commits());
      if (committed.isEmpty()) {
        break;
      }
      PrePrepare pp = committed.get().prePrepare();
      pp.requests().forEach(this::run);
      // executed: the client table keeps it from being ordered again
      pp.requests().forEach(r -> orderedInView.remove(r.key()));
      state.lastExecuted = n;
      state.emit(new Effect.Execute(committed.get().view, n, pp.digest(), pp.requests()));
      state.trace(SpecAction.Execute, committed.get().view, n, pp.digest());
      if (n % state.config.checkpointInterval() == 0) {
        checkpointing.sendCheckpoint(n);
      }
      executedAny = true;
    }
    if (executedAny) {
      requestsExecuted();
      checkpointing.advanceStableCheckpoint();
      sendPrePrepare();
    }
  }

  private void run(Request r) {
    if (state.clients.executed(r.clientId(), r.timestamp())) {
      state.clients.last(r.clientId())
          .filter(e -> e.timestamp() == r.timestamp())
          .ifPresent(e -> state.reply(r, e.result()));
      return;
    }
    byte[] result = state.service.execute(r.operation());
    state.clients.record(r.clientId(), r.timestamp(), result);
    state.reply(r, result);
  }

  /** Stops waiting for executed requests; the timer keeps running only for requests left. */
  private void requestsExecuted() {
    state.pending.removeExecuted(state.clients);
    if (state.status != Replica.Status.NORMAL) {
      return;
    }
    if (state.pending.isEmpty()) {
      state.timer.stop();
    } else {
      state.timer.restart();
    }
  }
}
