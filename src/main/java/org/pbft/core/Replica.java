package org.pbft.core;

import static org.pbft.core.IgnoreReason.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.RequestKey;
import org.pbft.core.message.StateSnapshot;
import org.pbft.core.message.ViewChange;
import org.pbft.service.Service;

/**
 * One correct PBFT replica as a deterministic state machine: {@link #step} takes an input and
 * returns effects. No I/O, threads, clocks or randomness; the same replica runs in a process and
 * in the simulator.
 *
 * <p>Each action of spec/PBFT.tla has one method here whose doc comment names it, and that method
 * emits the trace event of the same name. Message handlers check their guards first and ignore a
 * message with a named {@link IgnoreReason}; an action's own enabling conditions are checked where
 * it is taken, because several inputs can enable it (a PREPARE or a late PRE-PREPARE can make a
 * replica prepared). Read-only requests are answered outside the spec ({@link
 * #onReadOnlyRequest}): no action, no trace event.
 */
public final class Replica {

  /** PBFT.tla!status: normal, or waiting for the NEW-VIEW of the view it moved to. */
  public enum Status { NORMAL, VIEW_CHANGE }

  private final int id;
  private final ReplicaConfig config;
  private final Quorums quorums;
  private final Service service;
  private final Digest initialState;
  private final ClientTable clients = new ClientTable();
  private final MessageLog log = new MessageLog();
  private final CheckpointStore checkpoints;
  private final ViewChangeStore viewChanges = new ViewChangeStore();
  private final ViewChangeTimer timer;
  /** Requests received and not executed yet, in arrival order: they keep the timer running. */
  private final Map<RequestKey, Request> pending = new LinkedHashMap<>();
  /** Requests already in a PRE-PREPARE of this view: the primary does not order them twice. */
  private final Set<RequestKey> orderedInView = new HashSet<>();
  /**
   * PRE-PREPAREs from the primary of a view this replica has not entered yet, by view and
   * sequence number: the network may deliver them before the NEW-VIEW of their view. They are
   * handled again when the replica enters that view; at most L per view.
   */
  private final TreeMap<Long, TreeMap<Long, PrePrepare>> early = new TreeMap<>();
  private final EnumMap<IgnoreReason, Long> ignored = new EnumMap<>(IgnoreReason.class);
  /** By view above this replica's: replicas heard in that view's normal case. */
  private final TreeMap<Long, Set<Integer>> laterViewSenders = new TreeMap<>();

  private long view;
  private Status status = Status.NORMAL;
  private long lastExecuted;
  private long nextSeq = 1;
  private long newViewSentFor = -1;
  /** The NEW-VIEW this replica sent for its current view, if it is that view's primary. */
  private NewView ownNewView;
  /** When each replica was last sent {@link #ownNewView} again (in ticks). */
  private final Map<Integer, Long> newViewResentAt = new java.util.HashMap<>();
  /** The stable checkpoint whose state is being fetched; non-null iff lastExecuted < h. */
  private CertifiedCheckpoint stateFetch;
  private List<Effect> out = new ArrayList<>();

  public Replica(int id, ReplicaConfig config, Service service) {
    if (id < 0 || id >= config.n()) {
      throw new IllegalArgumentException("replica id " + id + " not in 0.." + (config.n() - 1));
    }
    this.id = id;
    this.config = config;
    this.quorums = config.quorums();
    this.service = service;
    this.timer = new ViewChangeTimer(config.viewChangeTimeout());
    byte[] initial = CheckpointState.capture(service, clients);
    this.initialState = Digest.of(initial);
    this.checkpoints = new CheckpointStore(initialState, initial);
  }

  /** Consumes one input; returns what the environment must do, in order. */
  public List<Effect> step(Input input) {
    out = new ArrayList<>();
    if (input instanceof Input.Tick) {
      if (timer.tick()) {
        onViewChangeTimeout();
      }
    } else {
      Input.Receive r = (Input.Receive) input;
      dispatch(r.from(), r.message());
    }
    List<Effect> effects = out;
    out = new ArrayList<>();
    return effects;
  }

  private void dispatch(int from, Message m) {
    noticeLaterView(from, m);
    if (m instanceof Request r && r.readOnly()) {
      onReadOnlyRequest(r);
    } else if (m instanceof Request r) {
      onRequest(r);
    } else if (m instanceof PrePrepare pp) {
      onPrePrepare(from, pp);
    } else if (m instanceof Prepare p) {
      onPrepare(from, p);
    } else if (m instanceof Commit c) {
      onCommit(from, c);
    } else if (m instanceof Checkpoint c) {
      onCheckpoint(from, c);
    } else if (m instanceof ViewChange vc) {
      onViewChange(from, vc);
    } else if (m instanceof NewView nv) {
      onNewView(from, nv);
    } else if (m instanceof FetchState f) {
      onFetchState(from, f);
    } else if (m instanceof StateSnapshot s) {
      onStateSnapshot(from, s);
    } else if (m instanceof Reply) {
      ignore(NOT_FOR_REPLICAS, m);
    } else {
      throw new AssertionError("Message is sealed; unhandled type " + m.getClass());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Normal case

  /**
   * A client request. Exactly-once: an old timestamp is ignored, the last one gets its cached
   * reply again. A backup relays it to the primary; both wait for it with the view-change timer.
   */
  private void onRequest(Request r) {
    Optional<ClientTable.Entry> last = clients.last(r.clientId());
    if (last.isPresent() && r.timestamp() < last.get().timestamp()) {
      ignore(STALE, r);
      return;
    }
    if (last.isPresent() && r.timestamp() == last.get().timestamp()) {
      reply(r, last.get().result());
      return;
    }
    boolean fresh = pending.putIfAbsent(r.key(), r) == null;
    timer.startIfStopped();
    if (!isPrimary()) {
      send(config.primary(view), r);
    } else if (!fresh) {
      ignore(DUPLICATE, r);
    } else {
      sendPrePrepare();
    }
  }

  /**
   * A read-only request (Castro and Liskov, section 5.1): executed at once against the current
   * state and answered with a read-only reply; never relayed to the primary, never ordered, and
   * neither the state nor the client table changes. The client accepts the result only from
   * {@link Quorums#readOnlyReply()} matching replies, and falls back to an ordered request when
   * it does not get them.
   *
   * <p>Not a spec action: PBFT.tla orders every request, and this execution changes nothing the
   * spec holds, so it has no spec name and emits no trace event.
   */
  private void onReadOnlyRequest(Request r) {
    IgnoreReason reason = readOnlyGuard(r);
    if (reason != null) {
      ignore(reason, r);
      return;
    }
    Optional<byte[]> result = service.executeReadOnly(r.operation());
    if (result.isEmpty()) {
      ignore(NOT_READ_ONLY, r);
      return;
    }
    out.add(new Effect.SendReply(
        new Reply(view, r.timestamp(), r.clientId(), id, result.get(), true)));
  }

  /**
   * A replica answers read-only in normal status only (waiting for a NEW-VIEW, its view is one
   * that may never start, and the reply would report it to the client) and not while it fetches
   * the state of a stable checkpoint (its own state is behind it). A timestamp the client table
   * already reached is one whose ordered fallback has executed: the client no longer reads it
   * read-only.
   */
  private IgnoreReason readOnlyGuard(Request r) {
    if (status != Status.NORMAL) {
      return VIEW_CHANGE_IN_PROGRESS;
    }
    if (stateFetch != null) {
      return STATE_TRANSFER_IN_PROGRESS;
    }
    if (clients.executed(r.clientId(), r.timestamp())) {
      return STALE;
    }
    return null;
  }

  /**
   * Spec: PBFT.tla!SendPrePrepare. The primary orders the next batch of waiting requests (at most
   * maxBatch, none executed or ordered in this view) at the next sequence number, while that
   * number is inside the window and fewer than maxBatchesInFlight of its batches wait for
   * execution. Requests that arrive meanwhile form larger batches. While it fetches a state it orders nothing: which of its waiting requests that state
   * has executed (the spec's executed[p], here the client table) arrives with the state.
   */
  private void sendPrePrepare() {
    while (isPrimary() && status == Status.NORMAL && stateFetch == null
        && nextSeq <= h() + config.logWindow()
        && nextSeq - 1 - lastExecuted < config.maxBatchesInFlight()) {
      List<Request> batch = pending.values().stream()
          .filter(r -> !orderedInView.contains(r.key()))
          .filter(r -> !clients.executed(r.clientId(), r.timestamp()))
          .limit(config.maxBatch())
          .toList();
      if (batch.isEmpty()) {
        return;
      }
      PrePrepare pp = PrePrepare.of(view, nextSeq++, batch);
      log.slot(view, pp.seq()).accept(pp);
      batch.forEach(r -> orderedInView.add(r.key()));
      broadcast(pp);
      trace(SpecAction.SendPrePrepare, view, pp.seq(), pp.digest());
    }
  }

  /**
   * Spec: PBFT.tla!ReceivePrePrepare. A backup accepts a PRE-PREPARE from the primary of its
   * view, in normal status, carrying a non-null batch that matches its digest, inside the
   * watermarks, if it accepted no PRE-PREPARE at (v, n) yet; it multicasts PREPARE.
   */
  private void onPrePrepare(int from, PrePrepare pp) {
    IgnoreReason reason = prePrepareGuard(from, pp);
    if (reason != null) {
      ignore(reason, pp);
      if (reason == WRONG_VIEW || reason == VIEW_CHANGE_IN_PROGRESS) {
        keepForItsView(from, pp);
      }
      return;
    }
    Slot slot = log.slot(view, pp.seq());
    slot.accept(pp);
    Prepare prepare = new Prepare(view, pp.seq(), pp.digest(), id);
    slot.addPrepare(prepare);
    broadcast(prepare);
    trace(SpecAction.ReceivePrePrepare, view, pp.seq(), pp.digest());
    sendCommit(slot);
  }

  /** Keeps a PRE-PREPARE of a view above this replica's, or of the view it waits to enter. */
  private void keepForItsView(int from, PrePrepare pp) {
    boolean waitingForIt = pp.view() == view && status == Status.VIEW_CHANGE;
    boolean ahead = pp.view() > view && pp.view() <= view + config.maxViewsAhead();
    if (from != config.primary(pp.view()) || !(waitingForIt || ahead)) {
      return;
    }
    TreeMap<Long, PrePrepare> forView = early.computeIfAbsent(pp.view(), v -> new TreeMap<>());
    if (forView.size() < config.logWindow()) {
      forView.putIfAbsent(pp.seq(), pp);
    }
  }

  private IgnoreReason prePrepareGuard(int from, PrePrepare pp) {
    if (from != config.primary(pp.view()) || from == id) {
      return NOT_PRIMARY;
    }
    if (pp.view() != view) {
      return WRONG_VIEW;
    }
    if (status != Status.NORMAL) {
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
    if (!inWindow(pp.seq())) {
      return OUTSIDE_WATERMARKS;
    }
    PrePrepare accepted = log.find(view, pp.seq()).map(Slot::prePrepare).orElse(null);
    if (accepted != null) {
      return accepted.digest().equals(pp.digest()) ? DUPLICATE : CONFLICTING_PRE_PREPARE;
    }
    return null;
  }

  /** A PREPARE from a backup goes into the log; it may make this replica prepared. */
  private void onPrepare(int from, Prepare p) {
    IgnoreReason reason = voteGuard(from, p.replica(), p.view(), p.seq());
    if (reason == null && p.replica() == config.primary(p.view())) {
      reason = NOT_BACKUP;
    }
    if (reason == null
        && log.find(p.view(), p.seq()).map(s -> s.hasPrepareFrom(p.replica())).orElse(false)) {
      reason = DUPLICATE;
    }
    if (reason != null) {
      ignore(reason, p);
      return;
    }
    Slot slot = log.slot(p.view(), p.seq());
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
    if (v < view || v > view + config.maxViewsAhead()) {
      return WRONG_VIEW;
    }
    if (!inWindow(n)) {
      return OUTSIDE_WATERMARKS;
    }
    return null;
  }

  /**
   * Spec: PBFT.tla!SendCommit. In its view and normal status, a replica that accepted
   * PRE-PREPARE(v, n, d) and holds 2f matching PREPAREs from distinct backups is prepared: it
   * multicasts COMMIT, once.
   */
  private void sendCommit(Slot slot) {
    PrePrepare pp = slot.prePrepare();
    if (slot.view != view || status != Status.NORMAL || !inWindow(slot.seq) || pp == null
        || slot.prepared()
        || slot.matchingPrepares(pp.digest(), config.primary(slot.view)).size()
            < quorums.preparesFromBackups()) {
      return;
    }
    slot.markPrepared();
    Commit commit = new Commit(slot.view, slot.seq, pp.digest(), id);
    slot.addCommit(commit);
    broadcast(commit);
    trace(SpecAction.SendCommit, slot.view, slot.seq, pp.digest());
    execute();
  }

  /** A COMMIT goes into the log (from any replica); it may complete committed-local. */
  private void onCommit(int from, Commit c) {
    IgnoreReason reason = voteGuard(from, c.replica(), c.view(), c.seq());
    if (reason == null
        && log.find(c.view(), c.seq()).map(s -> s.hasCommitFrom(c.replica())).orElse(false)) {
      reason = DUPLICATE;
    }
    if (reason != null) {
      ignore(reason, c);
      return;
    }
    log.slot(c.view(), c.seq()).addCommit(c);
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
    while (stateFetch == null) {
      long n = lastExecuted + 1;
      Optional<Slot> committed = log.committedLocal(n, quorums.commits());
      if (committed.isEmpty()) {
        break;
      }
      PrePrepare pp = committed.get().prePrepare();
      pp.requests().forEach(this::run);
      lastExecuted = n;
      out.add(new Effect.Execute(committed.get().view, n, pp.digest(), pp.requests()));
      trace(SpecAction.Execute, committed.get().view, n, pp.digest());
      if (n % config.checkpointInterval() == 0) {
        sendCheckpoint(n);
      }
      executedAny = true;
    }
    if (executedAny) {
      requestsExecuted();
      advanceStableCheckpoint();
      sendPrePrepare();
    }
  }

  private void run(Request r) {
    if (clients.executed(r.clientId(), r.timestamp())) {
      clients.last(r.clientId())
          .filter(e -> e.timestamp() == r.timestamp())
          .ifPresent(e -> reply(r, e.result()));
      return;
    }
    byte[] result = service.execute(r.operation());
    clients.record(r.clientId(), r.timestamp(), result);
    reply(r, result);
  }

  /** Stops waiting for executed requests; the timer keeps running only for requests left. */
  private void requestsExecuted() {
    pending.values().removeIf(r -> clients.executed(r.clientId(), r.timestamp()));
    if (status != Status.NORMAL) {
      return;
    }
    if (pending.isEmpty()) {
      timer.stop();
    } else {
      timer.restart();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoints, garbage collection, state transfer

  private void sendCheckpoint(long n) {
    byte[] state = CheckpointState.capture(service, clients);
    Checkpoint c = new Checkpoint(n, Digest.of(state), id);
    checkpoints.recordOwnState(n, state);
    checkpoints.add(c);
    broadcast(c);
  }

  /** A CHECKPOINT above the stable checkpoint is kept; 2f+1 matching ones make it stable. */
  private void onCheckpoint(int from, Checkpoint c) {
    IgnoreReason reason = null;
    if (from != c.replica()) {
      reason = WRONG_SENDER;
    } else if (c.seq() <= h()) {
      reason = STALE;
    } else if (c.seq() % config.checkpointInterval() != 0) {
      reason = NOT_A_CHECKPOINT;
    } else if (!checkpoints.add(c)) {
      reason = DUPLICATE;
    }
    if (reason != null) {
      ignore(reason, c);
      return;
    }
    advanceStableCheckpoint();
  }

  /** Adopts the highest certified checkpoint this replica has executed to, and fetches the state
   * of a higher one it is behind. */
  private void advanceStableCheckpoint() {
    checkpoints.highestCertified(lastExecuted, quorums.stableCheckpoint())
        .ifPresent(this::stableCheckpoint);
    checkpoints.highestCertified(Long.MAX_VALUE, quorums.stableCheckpoint())
        .filter(c -> c.seq() > lastExecuted)
        .ifPresent(this::stateTransfer);
  }

  /**
   * Spec: PBFT.tla!StableCheckpoint. 2f+1 matching CHECKPOINTs for n, and this replica executed
   * up to n: n becomes the low watermark h and the log at or below it is discarded.
   */
  private void stableCheckpoint(CertifiedCheckpoint c) {
    adoptCheckpoint(c);
    trace(SpecAction.StableCheckpoint, -1, c.seq(), c.stateDigest());
    sendPrePrepare();
  }

  /**
   * Spec: PBFT.tla!StateTransfer. The replica is behind a stable checkpoint: it adopts it as its
   * low watermark and fetches the state from the replicas that certified it. Execution waits
   * until a state whose digest is the certified one arrives ({@link #onStateSnapshot}).
   */
  private void stateTransfer(CertifiedCheckpoint c) {
    adoptCheckpoint(c);
    trace(SpecAction.StateTransfer, -1, c.seq(), c.stateDigest());
    sendPrePrepare();
  }

  /** PBFT.tla!AdoptCheckpoint: raise h, discard the log, fetch the state if behind. */
  private void adoptCheckpoint(CertifiedCheckpoint c) {
    checkpoints.stabilize(c);
    log.collectGarbage(c.seq());
    nextSeq = Math.max(nextSeq, c.seq() + 1);
    if (c.seq() > lastExecuted) {
      stateFetch = c;
      c.proof().stream()
          .mapToInt(Checkpoint::replica)
          .filter(q -> q != id)
          .distinct()
          .forEach(q -> send(q, new FetchState(c.seq(), id)));
    } else {
      stateFetch = null;
    }
  }

  /** Serves a checkpointed state this replica holds. */
  private void onFetchState(int from, FetchState f) {
    if (from != f.replica()) {
      ignore(WRONG_SENDER, f);
      return;
    }
    Optional<byte[]> state = checkpoints.ownState(f.seq());
    if (state.isEmpty()) {
      ignore(NO_STATE, f);
      return;
    }
    send(from, new StateSnapshot(f.seq(), state.get(), id));
  }

  /** Completes a state transfer: installs the fetched state if its digest is the certified one,
   * then executes what the log holds above it. */
  private void onStateSnapshot(int from, StateSnapshot s) {
    IgnoreReason reason = null;
    if (from != s.replica()) {
      reason = WRONG_SENDER;
    } else if (stateFetch == null || s.seq() != stateFetch.seq()) {
      reason = STALE;
    } else if (!Digest.of(s.state()).equals(stateFetch.stateDigest())) {
      reason = BAD_DIGEST;
    }
    if (reason != null) {
      ignore(reason, s);
      return;
    }
    CheckpointState.restore(s.state(), service, clients);
    checkpoints.recordOwnState(s.seq(), s.state());
    lastExecuted = s.seq();
    stateFetch = null;
    requestsExecuted();
    execute();
    advanceStableCheckpoint();
    sendPrePrepare();
  }

  // ---------------------------------------------------------------------------------------------
  // View change

  /**
   * Spec: PBFT.tla!StartViewChange. The view-change timer expired (waiting for a request, or for
   * the NEW-VIEW of the view this replica moved to): it moves to the next view and multicasts
   * VIEW-CHANGE.
   */
  private void onViewChangeTimeout() {
    moveToView(view + 1);
    trace(SpecAction.StartViewChange, view, -1, null);
    sendNewView();
  }

  /** PBFT.tla!MoveToView: VIEW-CHANGE(v, h, C, P) with P = PBFT.tla!PreparedSet. */
  private void moveToView(long v) {
    view = v;
    status = Status.VIEW_CHANGE;
    orderedInView.clear();
    viewChanges.discardBelow(v);
    CertifiedCheckpoint stable = checkpoints.stable();
    ViewChange vc = new ViewChange(v, stable.seq(), stable.stateDigest(), stable.proof(),
        log.preparedCertificates(stable.seq(), config), id);
    viewChanges.add(vc);
    broadcast(vc);
    timer.awaitNewView();
  }

  /**
   * A VIEW-CHANGE for a view this replica has not entered is kept if its proofs hold. It may make
   * the replica join a view change, and the new primary send NEW-VIEW.
   */
  private void onViewChange(int from, ViewChange vc) {
    resendNewViewToLaggard(from, vc);
    IgnoreReason reason = null;
    if (from != vc.replica()) {
      reason = WRONG_SENDER;
    } else if (vc.newView() < view || (vc.newView() == view && status == Status.NORMAL)
        || vc.newView() > view + config.maxViewsAhead()) {
      reason = WRONG_VIEW;
    } else if (!Certificates.validViewChange(vc, config, initialState)) {
      reason = INVALID_CERTIFICATE;
    } else if (!viewChanges.add(vc)) {
      reason = DUPLICATE;
    }
    if (reason != null) {
      ignore(reason, vc);
      return;
    }
    viewChanges.joinableView(view, id, quorums.joinViewChange()).ifPresent(this::joinViewChange);
    sendNewView();
  }

  /**
   * A replica asks for a view this primary already entered (it missed the NEW-VIEW, or it
   * restarted and lost its state): it gets the NEW-VIEW again, so that it can enter the view
   * without a further view change. At most once per view-change timeout per replica: a faulty
   * replica repeating VIEW-CHANGEs cannot make the primary flood it with NEW-VIEWs. The NEW-VIEW
   * is the message already sent (in the spec, a message in newViews that the replica may receive
   * at any time).
   */
  private void resendNewViewToLaggard(int from, ViewChange vc) {
    if (from != vc.replica() || vc.newView() > view || status != Status.NORMAL
        || ownNewView == null || ownNewView.view() != view) {
      return;
    }
    Long last = newViewResentAt.get(from);
    if (last == null || timer.now() - last >= config.viewChangeTimeout()) {
      newViewResentAt.put(from, timer.now());
      send(from, ownNewView);
    }
  }

  /**
   * Spec: PBFT.tla!JoinViewChange. f+1 other replicas asked for views above this replica's: it
   * moves to the smallest of them without waiting for its timer.
   */
  private void joinViewChange(long v) {
    moveToView(v);
    trace(SpecAction.JoinViewChange, v, -1, null);
  }

  /**
   * Spec: PBFT.tla!SendNewView. The primary of the view this replica moved to, holding 2f+1
   * VIEW-CHANGEs for it (its own among them), multicasts NEW-VIEW with V and the O that
   * PBFT.tla!ComputeNewView derives from V, and enters the view.
   */
  private void sendNewView() {
    if (!isPrimary() || status != Status.VIEW_CHANGE || newViewSentFor == view) {
      return;
    }
    List<ViewChange> all = viewChanges.forView(view);
    if (all.size() < quorums.newView()) {
      return;
    }
    List<ViewChange> v = new ArrayList<>();
    all.stream().filter(vc -> vc.replica() == id).forEach(v::add);
    all.stream().filter(vc -> vc.replica() != id).limit(quorums.newView() - 1L).forEach(v::add);
    NewViewComputation.Result computed = NewViewComputation.compute(view, v);
    newViewSentFor = view;
    ownNewView = new NewView(view, v, computed.prePrepares());
    newViewResentAt.clear();
    broadcast(ownNewView);
    traceNewView(SpecAction.SendNewView, computed, ownNewView);
    enterView(computed);
  }

  /**
   * Spec: PBFT.tla!ReceiveNewView. A backup accepts a NEW-VIEW from the primary of a view above
   * its own (or of the view it waits in) if V is 2f+1 valid VIEW-CHANGEs for that view from
   * distinct replicas, the primary's among them, and O is exactly what V determines; it enters
   * the view and multicasts PREPARE for each pre-prepare in O.
   */
  private void onNewView(int from, NewView nv) {
    IgnoreReason reason = null;
    if (from != config.primary(nv.view()) || from == id) {
      reason = NOT_PRIMARY;
    } else if (nv.view() < view || (nv.view() == view && status == Status.NORMAL)) {
      reason = WRONG_VIEW;
    } else if (!NewViewCheck.validQuorum(nv, config)) {
      reason = INVALID_NEW_VIEW;
    } else if (!nv.viewChanges().stream()
        .allMatch(vc -> Certificates.validViewChange(vc, config, initialState))) {
      reason = INVALID_CERTIFICATE;
    }
    NewViewComputation.Result computed = null;
    if (reason == null) {
      computed = NewViewComputation.compute(nv.view(), nv.viewChanges());
      if (!computed.prePrepares().equals(nv.prePrepares())) {
        reason = INVALID_NEW_VIEW;
      }
    }
    if (reason != null) {
      ignore(reason, nv);
      return;
    }
    view = nv.view();
    orderedInView.clear();
    traceNewView(SpecAction.ReceiveNewView, computed, nv);
    enterView(computed);
  }

  /**
   * PBFT.tla!EnterView: normal status in the new view; adopt the NEW-VIEW's checkpoint if newer;
   * accept the pre-prepares of O above the low watermark (a backup multicasts PREPARE for each).
   * Backups hand their waiting requests to the new primary, which orders them after O.
   */
  private void enterView(NewViewComputation.Result computed) {
    status = Status.NORMAL;
    timer.enteredView();
    viewChanges.discardBelow(view + 1);
    if (computed.checkpoint().seq() > h()) {
      adoptCheckpoint(computed.checkpoint());
    }
    List<Slot> slots = new ArrayList<>();
    for (PrePrepare pp : computed.prePrepares()) {
      if (pp.seq() <= h()) {
        continue;
      }
      Slot slot = log.slot(view, pp.seq());
      slot.accept(pp);
      pp.requests().forEach(r -> orderedInView.add(r.key()));
      if (!isPrimary()) {
        Prepare prepare = new Prepare(view, pp.seq(), pp.digest(), id);
        slot.addPrepare(prepare);
        broadcast(prepare);
      }
      slots.add(slot);
    }
    if (isPrimary()) {
      nextSeq = Math.max(h(), computed.maxSeq()) + 1;
    } else {
      pending.values().forEach(r -> send(config.primary(view), r));
    }
    if (!pending.isEmpty()) {
      timer.restart();
    }
    slots.forEach(this::sendCommit);
    TreeMap<Long, PrePrepare> arrivedEarly = early.remove(view);
    early.headMap(view, false).clear();
    if (arrivedEarly != null) {
      arrivedEarly.values().forEach(pp -> onPrePrepare(config.primary(view), pp));
    }
    sendPrePrepare();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers and observers

  private long h() {
    return checkpoints.stable().seq();
  }

  private boolean inWindow(long n) {
    return h() < n && n <= h() + config.logWindow();
  }

  private boolean isPrimary() {
    return config.primary(view) == id;
  }

  private void send(int to, Message m) {
    out.add(new Effect.Send(to, m));
  }

  private void broadcast(Message m) {
    out.add(new Effect.Broadcast(m));
  }

  private void reply(Request r, byte[] result) {
    out.add(new Effect.SendReply(new Reply(view, r.timestamp(), r.clientId(), id, result)));
  }

  private void trace(SpecAction action, long v, long n, Digest d) {
    out.add(new Effect.Trace(new TraceEvent(action, id, v, n, d)));
  }

  /** A NEW-VIEW event: minS and its state digest, and the message itself (V and O). */
  private void traceNewView(SpecAction action, NewViewComputation.Result computed, NewView nv) {
    CertifiedCheckpoint minS = computed.checkpoint();
    out.add(new Effect.Trace(
        new TraceEvent(action, id, nv.view(), minS.seq(), minS.stateDigest(), nv)));
  }

  private void ignore(IgnoreReason reason, Message m) {
    ignored.merge(reason, 1L, Long::sum);
    out.add(new Effect.Ignore(reason, m));
  }

  /**
   * A replica left behind in an older view (it missed a NEW-VIEW, or restarted with its state
   * lost) hears the normal case of a later view. Once f+1 distinct replicas are seen working in
   * views above its own, at least one correct replica is there: it starts its view-change timer,
   * whose VIEW-CHANGE makes the primary of the current view send it the NEW-VIEW again
   * ({@link #resendNewViewToLaggard}). Fewer than f+1 could all be faulty replicas trying to
   * push it out of a working view, so they only get noted.
   */
  private void noticeLaterView(int from, Message m) {
    long v;
    int sender;
    if (m instanceof PrePrepare pp) {
      v = pp.view();
      sender = config.primary(v);
    } else if (m instanceof Prepare p) {
      v = p.view();
      sender = p.replica();
    } else if (m instanceof Commit c) {
      v = c.view();
      sender = c.replica();
    } else {
      return;
    }
    if (from != sender || v <= view || v > view + config.maxViewsAhead()
        || status != Status.NORMAL) {
      return;
    }
    laterViewSenders.headMap(view, true).clear();
    laterViewSenders.computeIfAbsent(v, x -> new HashSet<>()).add(sender);
    Set<Integer> above = new HashSet<>();
    laterViewSenders.values().forEach(above::addAll);
    if (above.size() >= quorums.weak()) {
      timer.startIfStopped();
    }
  }

  public int id() {
    return id;
  }

  public long view() {
    return view;
  }

  public Status status() {
    return status;
  }

  /** h: the sequence number of the stable checkpoint. */
  public long lowWatermark() {
    return h();
  }

  public long lastExecuted() {
    return lastExecuted;
  }

  /** How many messages were ignored for {@code reason} so far. */
  public long ignoredCount(IgnoreReason reason) {
    return ignored.getOrDefault(reason, 0L);
  }

  /** Sequence numbers the log still holds entries for (garbage collection is observable). */
  List<Long> loggedSequenceNumbers() {
    return log.sequenceNumbers();
  }
}
