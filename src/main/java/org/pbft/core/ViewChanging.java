package org.pbft.core;

import static org.pbft.core.IgnoreReason.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.ViewChange;

/**
 * View changes of one replica, PBFT.tla!ViewChangeNext: leaving a view on a timeout or with f+1
 * others, VIEW-CHANGE and NEW-VIEW, entering the new view; and catching up with a view the others
 * already work in (the NEW-VIEW sent again, the notice of normal-case messages of later views).
 * {@link #joinViewChange}, {@link #sendNewView} and {@link #startNewViewTimer} are actions
 * {@link Replica}'s progress loop fires when the VIEW-CHANGEs held enable them.
 *
 * <p>The timer follows Castro and Liskov's liveness rules (OSDI'99 4.5.2; proofs-notes/09): the
 * NEW-VIEW wait starts only with 2f+1 VIEW-CHANGEs for the view, so a replica that moved alone
 * waits for the others instead of climbing alone; and a timer that expires while f+1 others
 * visibly make progress in this replica's own view ({@link #behindInOwnView}) means this replica
 * is behind, not that the primary is faulty: it asks for what it lacks and waits again. Not
 * sending a VIEW-CHANGE is always safe, and the f+1 join rule still pulls it along.
 */
final class ViewChanging {
  private final ReplicaState state;
  /** Entering a view accepts its pre-prepares and lets the new primary order requests. */
  private final NormalCase normalCase;
  /** A NEW-VIEW may carry a stable checkpoint above this replica's. */
  private final Checkpointing checkpointing;

  /** The view this replica last sent NEW-VIEW for: it sends one NEW-VIEW per view. */
  private long newViewSentFor = -1;
  /** The last VIEW-CHANGE this replica sent. */
  private ViewChange ownViewChange;
  /** The NEW-VIEW this replica sent for its current view, if it is that view's primary. */
  private NewView ownNewView;
  /** When each replica was last sent {@link #ownNewView} again (in ticks). */
  private final Map<Integer, Long> newViewResentAt = new HashMap<>();
  /** What the others were seen doing: the timer's evidence of this replica's own lag. */
  private final PeerActivity activity;
  /** Whether the NEW-VIEW wait of the view this replica moved to has started. */
  private boolean newViewTimerStarted;
  /** Timeouts after which it stayed in its view: behind, alone where it waits, or one vote. */
  private long timeoutsStayed;

  ViewChanging(ReplicaState state, NormalCase normalCase, Checkpointing checkpointing) {
    this.state = state;
    this.normalCase = normalCase;
    this.checkpointing = checkpointing;
    this.activity = new PeerActivity(state.id, state.config.n());
  }

  /**
   * The view-change timer expired (waiting for a request, or for the NEW-VIEW of the view this
   * replica moved to, whose wait started with 2f+1 VIEW-CHANGEs: PBFT.tla!NewViewTimerRuns). If
   * f+1 others are seen stuck where it is ({@link #stuckAsItIs}) and it is not behind them in its
   * own view ({@link #behindInOwnView}), it suspects the view's primary: it says so in its STATUS
   * and leaves once 2f+1 replicas do ({@link #startViewChange}). Otherwise it stays, asks for what
   * it lacks and waits as long again. Either way it stays for now: a VIEW-CHANGE is a promise
   * never to act below the view it names, so a replica that left without the others (behind,
   * cut off, or fooled by a faulty primary that stalled it and one other correct replica for a
   * while) would be out of the group until they change view in turn. Not sending a VIEW-CHANGE
   * is always safe, and the f+1 join rule still pulls it along.
   *
   * @param stalledSince the tick since which its view, status and execution have not changed
   */
  void onViewChangeTimeout(long stalledSince) {
    if (state.suspectedView != state.view && !behindInOwnView() && stuckAsItIs(stalledSince)) {
      state.suspectedView = state.view;
    }
    stayAndAsk();
  }

  /**
   * Spec: PBFT.tla!StartViewChange. This replica suspects the primary of its view, and so do
   * 2f+1 replicas, itself included (their STATUS, their VIEW-CHANGEs for later views, their work
   * in later views): it moves to the next view and multicasts VIEW-CHANGE. Among 2f+1 votes are
   * f+1 of correct replicas, which no correct replica takes back in the view: they make every
   * other correct replica vote too ({@link #suspectWithOthers}), so that it leaves as well, and
   * the group leaves a view together or not at all, as Bracha's reliable broadcast delivers to
   * all or none (proofs-notes/09, "Leaving together"). Waiting for a NEW-VIEW, it leaves only
   * once its NEW-VIEW wait has started ({@link #startNewViewTimer}: 2f+1 VIEW-CHANGEs,
   * PBFT.tla!NewViewTimerRuns), whatever the votes say. Even as the next view's primary it cannot
   * send NEW-VIEW yet: 2f VIEW-CHANGEs of others for the view (2f >= f + 1) would have made it
   * join before. True if it moved.
   */
  boolean startViewChange() {
    if (state.suspectedView != state.view
        || (state.status == Replica.Status.VIEW_CHANGE && !newViewTimerStarted)
        || leavingOwnView().size() + 1 < state.quorums.newView()) {
      return false;
    }
    moveToView(state.view + 1);
    state.trace(SpecAction.StartViewChange, state.view, -1, null);
    return true;
  }

  /**
   * f+1 other replicas vote to leave this replica's view (one of them at least correct, whose
   * vote stands): it votes too, and says so at once, whatever its own timer says. A vote binds
   * nobody, so that a faulty primary that stalled one correct replica until its timer expired
   * and then went on with the others gains nothing: unless f+1 correct replicas vote, none
   * leaves. True if it voted now.
   */
  boolean suspectWithOthers() {
    if (state.suspectedView == state.view
        || leavingOwnView().size() < state.quorums.weak()) {
      return false;
    }
    state.suspectedView = state.view;
    state.timer.startIfStopped();
    state.broadcast(state.statusReport());
    return true;
  }

  /** Other replicas that left this replica's view or vote to leave it. */
  private Set<Integer> leavingOwnView() {
    Set<Integer> leaving = activity.leaving(state.view);
    leaving.addAll(state.viewChanges.sendersFrom(state.view + 1));
    leaving.remove(state.id);
    return leaving;
  }

  /**
   * Whether f+1 other replicas (one of them at least correct) are seen stuck where this replica
   * is: their STATUS since it stalled says they wait in its view, in its status, having executed
   * no further; or they left it or vote to leave it ({@link #leavingOwnView}: if they work in a
   * later view, the VIEW-CHANGE it then sends gets it the NEW-VIEW of that view,
   * {@link #resendNewViewToLaggard}). When the primary is faulty
   * every correct replica waits and multicasts STATUS, so this holds; when this replica is cut
   * off, or the others just work without it, it does not.
   */
  private boolean stuckAsItIs(long stalledSince) {
    Set<Integer> stuck = activity.stuckWith(state.view, state.status == Replica.Status.NORMAL,
        state.lastExecuted, stalledSince);
    stuck.addAll(leavingOwnView());
    stuck.remove(state.id);
    return stuck.size() >= state.quorums.weak();
  }

  /**
   * Whether, since the timer started, f+1 other replicas (one of them at least correct) visibly
   * made progress in this replica's view without it: in normal status, executions beyond its own
   * (their CHECKPOINTs or STATUS); waiting for a NEW-VIEW, work in that view (its normal-case
   * messages or a STATUS in normal status there), so that the NEW-VIEW exists and it only lacks
   * it. A faulty primary that stalls this replica's requests stalls the others' too (clients
   * send to all), and their timers move them, and this replica with them by the join rule.
   */
  private boolean behindInOwnView() {
    long since = state.timer.startedAt();
    int weak = state.quorums.weak();
    return state.status == Replica.Status.NORMAL
        ? activity.executedBeyond(state.lastExecuted, since) >= weak
        : activity.workingIn(state.view, since) >= weak;
  }

  /**
   * Behind the others, alone where it waits, or voting with too few votes yet: multicast STATUS
   * (with its vote, if it cast one) so that the others send again what it lacks (their PREPAREs,
   * COMMITs and CHECKPOINTs, the primary's PRE-PREPAREs or its NEW-VIEW, which the VIEW-CHANGE
   * sent again also asks for), say where they are, or count its vote; and wait as long again.
   */
  private void stayAndAsk() {
    timeoutsStayed++;
    if (state.status == Replica.Status.NORMAL) {
      state.timer.restart();
    } else {
      state.timer.awaitNewViewAgain();
      state.broadcast(ownViewChange);
    }
    state.broadcast(state.statusReport());
  }

  /** Timeouts after which this replica stayed in its view: behind, alone, or one vote of 2f+1. */
  long timeoutsStayed() {
    return timeoutsStayed;
  }

  /**
   * Castro and Liskov's first liveness rule: waiting for the NEW-VIEW of the view it moved to,
   * the replica starts its timer once it holds 2f+1 VIEW-CHANGEs for that view, its own among
   * them (PBFT.tla!NewViewTimerRuns). Before that, a timer would only measure how long the others
   * take to time out too: a replica that moved alone would climb alone, one view per timeout, out
   * of reach of the join rule. A VIEW-CHANGE for a later view counts too: its sender has left
   * every view below it, so that a quorum split over two views (the VIEW-CHANGEs of the lower
   * one lost to the replica that went on) still starts the timers that bring it together. True
   * if it started the wait now.
   */
  boolean startNewViewTimer() {
    if (state.status != Replica.Status.VIEW_CHANGE || newViewTimerStarted
        || state.viewChanges.sendersFrom(state.view).size() < state.quorums.newView()) {
      return false;
    }
    newViewTimerStarted = true;
    state.timer.awaitNewView();
    return true;
  }

  /** PBFT.tla!MoveToView: VIEW-CHANGE(v, h, C, P) with P = PBFT.tla!PreparedSet. */
  private void moveToView(long v) {
    state.view = v;
    state.status = Replica.Status.VIEW_CHANGE;
    normalCase.leftView();
    state.viewChanges.discardBelow(v);
    CertifiedCheckpoint stable = state.checkpoints.stable();
    ViewChange vc = new ViewChange(v, stable.seq(), stable.stateDigest(), stable.proof(),
        state.log.preparedCertificates(stable.seq(), state.config), state.id);
    state.viewChanges.add(vc);
    ownViewChange = vc;
    state.broadcast(vc);
    newViewTimerStarted = false;
    state.timer.stop(); // until 2f+1 VIEW-CHANGEs: startNewViewTimer
  }

  /**
   * A VIEW-CHANGE for a view this replica has not entered is kept if its proofs hold. It may
   * enable {@link #joinViewChange}, and the new primary's {@link #sendNewView}.
   */
  void onViewChange(int from, ViewChange vc) {
    resendNewViewToLaggard(from, vc);
    IgnoreReason reason = null;
    if (from != vc.replica()) {
      reason = WRONG_SENDER;
    } else if (vc.newView() < state.view
        || (vc.newView() == state.view && state.status == Replica.Status.NORMAL)
        || vc.newView() > state.view + state.config.maxViewsAhead()) {
      reason = WRONG_VIEW;
    } else if (!Certificates.validViewChange(vc, state.config, state.initialState)) {
      reason = INVALID_CERTIFICATE;
    } else if (!state.viewChanges.add(vc)) {
      reason = DUPLICATE;
    }
    if (reason != null) {
      state.ignore(reason, vc);
    } else if (state.status == Replica.Status.NORMAL && vc.newView() > state.view
        && vc.replica() == state.config.primary(state.view)) {
      // The primary of this view asked for a later one: it orders nothing more here, so this
      // replica waits for a new view even with no request of its own (its timer, then the
      // others' STATUS, decide whether it leaves; ViewChanging#onViewChangeTimeout).
      state.timer.startIfStopped();
    }
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
    if (from != vc.replica() || vc.newView() > state.view
        || state.status != Replica.Status.NORMAL
        || ownNewView == null || ownNewView.view() != state.view) {
      return;
    }
    long now = state.timer.now();
    Long last = newViewResentAt.get(from);
    if (last == null || now - last >= state.config.viewChangeTimeout()) {
      newViewResentAt.put(from, now);
      state.send(from, ownNewView);
    }
  }

  /**
   * Spec: PBFT.tla!JoinViewChange. f+1 other replicas asked for views above this replica's: it
   * moves to the smallest of them without waiting for its timer. True if it did.
   */
  boolean joinViewChange() {
    OptionalLong joinable =
        state.viewChanges.joinableView(state.view, state.id, state.quorums.joinViewChange());
    joinable.ifPresent(v -> {
      moveToView(v);
      state.trace(SpecAction.JoinViewChange, v, -1, null);
    });
    return joinable.isPresent();
  }

  /**
   * Spec: PBFT.tla!SendNewView. The primary of the view this replica moved to, holding 2f+1
   * VIEW-CHANGEs for it (its own among them), multicasts NEW-VIEW with V and the O that
   * PBFT.tla!ComputeNewView derives from V, and enters the view. True if it did.
   */
  boolean sendNewView() {
    if (!state.isPrimary() || state.status != Replica.Status.VIEW_CHANGE
        || newViewSentFor == state.view) {
      return false;
    }
    List<ViewChange> all = state.viewChanges.forView(state.view);
    int quorum = state.quorums.newView();
    if (all.size() < quorum) {
      return false;
    }
    List<ViewChange> v = new ArrayList<>();
    all.stream().filter(vc -> vc.replica() == state.id).forEach(v::add);
    all.stream().filter(vc -> vc.replica() != state.id).limit(quorum - 1L).forEach(v::add);
    NewViewComputation.Result computed = NewViewComputation.compute(state.view, v);
    newViewSentFor = state.view;
    ownNewView = new NewView(state.view, v, computed.prePrepares());
    newViewResentAt.clear();
    state.broadcast(ownNewView);
    traceNewView(SpecAction.SendNewView, computed, ownNewView);
    enterView(computed);
    return true;
  }

  /**
   * Spec: PBFT.tla!ReceiveNewView. A backup accepts a NEW-VIEW from the primary of a view above
   * its own (or of the view it waits in) if V is 2f+1 valid VIEW-CHANGEs for that view from
   * distinct replicas, the primary's among them, and O is exactly what V determines; it enters
   * the view and multicasts PREPARE for each pre-prepare in O.
   */
  void onNewView(int from, NewView nv) {
    IgnoreReason reason = null;
    if (from != state.config.primary(nv.view()) || from == state.id) {
      reason = NOT_PRIMARY;
    } else if (nv.view() < state.view
        || (nv.view() == state.view && state.status == Replica.Status.NORMAL)) {
      reason = WRONG_VIEW;
    } else if (!NewViewCheck.validQuorum(nv, state.config)) {
      reason = INVALID_NEW_VIEW;
    } else if (!nv.viewChanges().stream()
        .allMatch(vc -> Certificates.validViewChange(vc, state.config, state.initialState))) {
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
      state.ignore(reason, nv);
      return;
    }
    state.view = nv.view();
    normalCase.leftView();
    traceNewView(SpecAction.ReceiveNewView, computed, nv);
    enterView(computed);
  }

  /**
   * PBFT.tla!EnterView: normal status in the new view; adopt the NEW-VIEW's checkpoint if newer;
   * accept the pre-prepares of O above the low watermark (a backup multicasts PREPARE for each).
   * Backups hand their waiting requests to the new primary, which orders them after O. What the
   * new view enables (COMMITs for slots already prepared, the PRE-PREPAREs that arrived before
   * the NEW-VIEW, the primary's next batch) the progress loop fires next.
   */
  private void enterView(NewViewComputation.Result computed) {
    state.status = Replica.Status.NORMAL;
    state.timer.enteredView();
    state.viewChanges.discardBelow(state.view + 1);
    if (computed.checkpoint().seq() > state.h()) {
      checkpointing.adoptCheckpoint(computed.checkpoint());
    }
    for (PrePrepare pp : computed.prePrepares()) {
      if (pp.seq() <= state.h()) {
        continue;
      }
      Slot slot = state.log.slot(state.view, pp.seq());
      slot.accept(pp);
      if (!state.isPrimary()) {
        Prepare prepare = new Prepare(state.view, pp.seq(), pp.digest(), state.id);
        slot.addPrepare(prepare);
        state.broadcast(prepare);
      }
      normalCase.orderedThroughNewView(slot, pp);
    }
    if (state.isPrimary()) {
      normalCase.orderAfter(Math.max(state.h(), computed.maxSeq()));
    } else {
      state.pending.values().forEach(r -> state.send(state.config.primary(state.view), r));
    }
    if (!state.pending.isEmpty()) {
      state.timer.restart();
    }
  }

  /** A NEW-VIEW event: minS and its state digest, and the message itself (V and O). */
  private void traceNewView(SpecAction action, NewViewComputation.Result computed, NewView nv) {
    CertifiedCheckpoint minS = computed.checkpoint();
    state.emit(new Effect.Trace(
        new TraceEvent(action, state.id, nv.view(), minS.seq(), minS.stateDigest(), nv)));
  }

  /** The VIEW-CHANGE this replica sent for {@code view}, while it waits for that view's NEW-VIEW. */
  Optional<ViewChange> ownViewChange(long view) {
    return state.status == Replica.Status.VIEW_CHANGE && ownViewChange != null
        && ownViewChange.newView() == view ? Optional.of(ownViewChange) : Optional.empty();
  }

  /**
   * Replica {@code to} is in {@code theirView}, below this replica's view or waiting for its
   * NEW-VIEW. The primary of this view sends its NEW-VIEW again; another replica sends its last
   * VIEW-CHANGE if that is for a later view than theirs (f+1 of them make the other join, and its
   * own VIEW-CHANGE then gets it the NEW-VIEW), or if both wait for the same NEW-VIEW (the other
   * may be the primary that lost it).
   */
  void resendForView(int to, long theirView) {
    if (state.isPrimary() && state.status == Replica.Status.NORMAL
        && ownNewView != null && ownNewView.view() == state.view) {
      state.send(to, ownNewView);
    } else if (ownViewChange != null && (ownViewChange.newView() > theirView
        || ownViewChange(theirView).isPresent())) {
      state.send(to, ownViewChange);
    }
  }

  /**
   * Notes what a received message shows of its sender's progress ({@link PeerActivity}); then, a
   * replica left behind in an older view (it missed a NEW-VIEW, or restarted with its state lost)
   * that hears the normal case of a later view: once f+1 distinct replicas are seen working in
   * views above its own, at least one correct replica is there: it starts its view-change timer,
   * whose VIEW-CHANGE makes the primary of the current view send it the NEW-VIEW again
   * ({@link #resendNewViewToLaggard}). Fewer than f+1 could all be faulty replicas trying to push
   * it out of a working view, so they only get noted.
   */
  void noticeActivity(int from, Message m) {
    activity.notice(from, m, state.config, state.timer.now());
    if (state.status == Replica.Status.NORMAL && (m instanceof PrePrepare
        || m instanceof Prepare || m instanceof Commit)
        && activity.workingAbove(state.view, state.view + state.config.maxViewsAhead())
            >= state.quorums.weak()) {
      state.timer.startIfStopped();
    }
  }
}
