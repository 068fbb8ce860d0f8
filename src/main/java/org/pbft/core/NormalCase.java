package org.pbft.core;

import static org.pbft.core.IgnoreReason.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pbft.core.message.Commit;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Request;
import org.pbft.core.message.RequestKey;

/**
 * The normal case of one replica, PBFT.tla!NormalCaseNext: client requests, the three phases
 * (PRE-PREPARE, PREPARE, COMMIT) and execution in sequence order. The message handlers
 * ({@code on...}) record what arrived; the actions a state enables ({@link #sendPrePrepare},
 * {@link #sendCommit}, {@link #execute}, {@link #receiveEarlyPrePrepare}) return whether
 * they fired, and {@link Replica}'s progress loop calls them until none does.
 */
final class NormalCase {
  private final ReplicaState state;
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
  /**
   * Slots of this step that accepted a PRE-PREPARE or a PREPARE, in sequence order: only they
   * can have become prepared, so only they are looked at by {@link #sendCommit}.
   */
  private final TreeSet<Slot> changedSlots = new TreeSet<>(new BySeqThenView());

  /** A named class, not a lambda: the replica's state is serialized into snapshots. */
  private static final class BySeqThenView implements Comparator<Slot> {
    @Override
    public int compare(Slot a, Slot b) {
      int bySeq = Long.compare(a.seq, b.seq);
      return bySeq != 0 ? bySeq : Long.compare(a.view, b.view);
    }
  }

  NormalCase(ReplicaState state) {
    this.state = state;
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
      state.reply(r, last.get().result(), true);
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
    if (state.status == Replica.Status.NORMAL) {
      state.timer.startIfStopped(); // waiting for a NEW-VIEW, the timer is ViewChanging's
    }
    if (!state.isPrimary()) {
      state.send(state.config.primary(state.view), r);
    } else if (!fresh) {
      state.ignore(DUPLICATE, r);
    }
  }

  /**
   * Spec: PBFT.tla!SendPrePrepare. The primary orders the next batch of waiting requests (at most
   * maxBatch, none executed or ordered in this view) at the next sequence number, while that
   * number is inside the window and fewer than maxBatchesInFlight of its batches wait for
   * execution. Requests that arrive meanwhile form larger batches. While it fetches a state it
   * orders nothing: which of its waiting requests that state has executed (the spec's
   * executed[p], here the client table) arrives with the state. True if it sent any.
   */
  boolean sendPrePrepare() {
    ReplicaConfig config = state.config;
    boolean sent = false;
    while (state.isPrimary() && state.status == Replica.Status.NORMAL && state.stateFetch == null
        && nextSeq <= state.h() + config.logWindow()
        && nextSeq - 1 - state.lastExecuted < config.maxBatchesInFlight()) {
      List<Request> batch = nextBatch();
      if (batch.isEmpty()) {
        break;
      }
      PrePrepare pp = PrePrepare.of(state.view, nextSeq++, batch);
      state.log.slot(state.view, pp.seq()).accept(pp);
      batch.forEach(r -> orderedInView.add(r.key()));
      state.broadcast(pp);
      state.trace(SpecAction.SendPrePrepare, state.view, pp.seq(), pp.digest());
      sent = true;
    }
    return sent;
  }

  /** Up to maxBatch waiting requests in arrival order, not executed, not ordered in this view. */
  private List<Request> nextBatch() {
    List<Request> batch = new ArrayList<>();
    for (Request r : state.pending.values()) {
      if (batch.size() == state.config.maxBatch()) {
        break;
      }
      if (!orderedInView.contains(r.key())
          && !state.clients.executed(r.clientId(), r.timestamp())) {
        batch.add(r);
      }
    }
    return batch;
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
    changedSlots.add(slot);
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

  /**
   * A new view: nothing is ordered in it yet, and the PRE-PREPAREs held for the views it skipped
   * can no longer be accepted.
   */
  void leftView() {
    orderedInView.clear();
    early.headMap(state.view, false).clear();
  }

  /**
   * {@code slot} accepted {@code pp} in this view from its NEW-VIEW: its requests are ordered in
   * it, and it may already hold the PREPAREs that make it prepared.
   */
  void orderedThroughNewView(Slot slot, PrePrepare pp) {
    pp.requests().forEach(r -> orderedInView.add(r.key()));
    changedSlots.add(slot);
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
  }

  /** Requests ordered in this view and not executed, for tests of the bounds. */
  int orderedInViewCount() {
    return orderedInView.size();
  }

  /**
   * A PRE-PREPARE that arrived before the replica entered its view was held ({@link
   * #keepForItsView}): once the replica is in that view, the lowest one held goes to {@link
   * #onPrePrepare} as if it arrived now (PBFT.tla!ReceivePrePrepare takes it from the network's
   * set at any time). True if there was one.
   */
  boolean receiveEarlyPrePrepare() {
    TreeMap<Long, PrePrepare> arrivedEarly = early.get(state.view);
    if (state.status != Replica.Status.NORMAL || arrivedEarly == null) {
      return false;
    }
    PrePrepare pp = arrivedEarly.pollFirstEntry().getValue();
    if (arrivedEarly.isEmpty()) {
      early.remove(state.view);
    }
    onPrePrepare(state.config.primary(state.view), pp);
    return true;
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
    changedSlots.add(slot);
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
   * multicasts COMMIT, once. Fires for the lowest slot changed in this step that became
   * prepared; true if it did.
   */
  boolean sendCommit() {
    Slot slot;
    while ((slot = changedSlots.pollFirst()) != null) {
      if (enablesCommit(slot)) {
        PrePrepare pp = slot.prePrepare();
        slot.markPrepared();
        Commit commit = new Commit(slot.view, slot.seq, pp.digest(), state.id);
        slot.addCommit(commit);
        state.broadcast(commit);
        state.trace(SpecAction.SendCommit, slot.view, slot.seq, pp.digest());
        return true;
      }
    }
    return false;
  }

  private boolean enablesCommit(Slot slot) {
    PrePrepare pp = slot.prePrepare();
    return slot.view == state.view && state.status == Replica.Status.NORMAL
        && state.inWindow(slot.seq) && pp != null
        && !slot.prepared()
        && slot.matchingPrepares(pp.digest(), state.config.primary(slot.view)).size()
            >= state.quorums.preparesFromBackups();
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
  }

  /**
   * Spec: PBFT.tla!Execute. If the next sequence number is committed-local (prepared, and 2f+1
   * matching COMMITs) in some view, runs its batch: strictly in sequence order, and not while a
   * state is being fetched. A request executed before is not run again; its cached reply is
   * sent. Returns the sequence number executed, if any: at n % K == 0 the replica then
   * multicasts CHECKPOINT ({@link Checkpointing#sendCheckpoint}).
   */
  OptionalLong execute() {
    if (state.stateFetch != null) {
      return OptionalLong.empty();
    }
    long n = state.lastExecuted + 1;
    Optional<Slot> committed = state.log.committedLocal(n, state.quorums.commits());
    if (committed.isEmpty()) {
      return OptionalLong.empty();
    }
    PrePrepare pp = committed.get().prePrepare();
    pp.requests().forEach(this::run);
    // executed: the client table keeps it from being ordered again
    pp.requests().forEach(r -> orderedInView.remove(r.key()));
    state.lastExecuted = n;
    state.emit(new Effect.Execute(committed.get().view, n, pp.digest(), pp.requests()));
    state.trace(SpecAction.Execute, committed.get().view, n, pp.digest());
    requestsExecuted();
    return OptionalLong.of(n);
  }

  private void run(Request r) {
    if (state.clients.executed(r.clientId(), r.timestamp())) {
      state.clients.last(r.clientId())
          .filter(e -> e.timestamp() == r.timestamp())
          .ifPresent(e -> state.reply(r, e.result(), false));
      return;
    }
    byte[] result = state.service.execute(r.operation());
    state.clients.record(r.clientId(), r.timestamp(), result);
    state.reply(r, result, false);
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
