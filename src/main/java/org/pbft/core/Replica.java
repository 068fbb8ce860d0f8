package org.pbft.core;

import static org.pbft.core.IgnoreReason.NOT_FOR_REPLICAS;

import java.util.List;
import java.util.OptionalLong;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.StateSnapshot;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;
import org.pbft.service.Service;

/**
 * One correct PBFT replica as a deterministic state machine: {@link #step} takes an input and
 * returns effects. No I/O, threads, clocks or randomness; the same replica runs in a process and
 * in the simulator.
 *
 * <p>This class is the entry point: it dispatches each input to the handlers of its protocol
 * phase, one file per part of the spec's next-state relation: {@link NormalCase}
 * (PBFT.tla!NormalCaseNext), {@link Checkpointing} (PBFT.tla!CheckpointNext) and {@link
 * ViewChanging} (PBFT.tla!ViewChangeNext), all over one {@link ReplicaState}; {@link
 * StatusExchange} sends again what peers lost (outside the spec: its STATUS message carries
 * nothing the spec holds, and it takes no action). Each action of
 * spec/PBFT.tla has one handler whose doc comment names it, and that handler emits the trace
 * event of the same name.
 *
 * <p>A step reads as the spec's actions do. The message handlers check their guards, ignore a
 * message with a named {@link IgnoreReason} or record it (taking the actions a message enables
 * by itself: ReceivePrePrepare, ReceiveNewView, and the others' PREPAREs, COMMITs, CHECKPOINTs
 * and VIEW-CHANGEs kept); then {@link #fireEnabledActions} fires every action the new state
 * enables, each checking its own enabling condition, until none is enabled. Read-only requests
 * are answered outside the spec ({@link ReadOnlyRequests}): no action, no trace event.
 */
public final class Replica {

  /** PBFT.tla!status: normal, or waiting for the NEW-VIEW of the view it moved to. */
  public enum Status { NORMAL, VIEW_CHANGE }

  private final ReplicaState state;
  private final NormalCase normalCase;
  private final Checkpointing checkpointing;
  private final ViewChanging viewChanging;
  private final ReadOnlyRequests readOnlyRequests;
  private final StatusExchange statusExchange;

  public Replica(int id, ReplicaConfig config, Service service) {
    if (id < 0 || id >= config.n()) {
      throw new IllegalArgumentException("replica id " + id + " not in 0.." + (config.n() - 1));
    }
    this.state = new ReplicaState(id, config, service);
    this.normalCase = new NormalCase(state);
    this.checkpointing = new Checkpointing(state, normalCase);
    this.viewChanging = new ViewChanging(state, normalCase, checkpointing);
    this.readOnlyRequests = new ReadOnlyRequests(state);
    this.statusExchange = new StatusExchange(state, viewChanging);
  }

  /** Consumes one input; returns what the environment must do, in order. */
  public List<Effect> step(Input input) {
    state.beginStep();
    if (input instanceof Input.Tick) {
      if (state.timer.tick()) {
        viewChanging.onViewChangeTimeout(statusExchange.stalledSince());
      }
      checkpointing.retransmitFetchStateIfDue();
      statusExchange.onTick();
    } else if (input instanceof Input.Restart) {
      onRestart();
    } else {
      Input.Receive r = (Input.Receive) input;
      dispatch(r.from(), r.message());
    }
    fireEnabledActions();
    readOnlyRequests.answerHeld();
    return state.takeEffects();
  }

  /**
   * The progress loop: fires the first enabled action in the order below, and starts again from
   * the top, until none is enabled. The order finishes what is furthest along before starting
   * anything new: execution (and the CHECKPOINT it multicasts at n % K == 0), then the stable
   * checkpoint it may complete, then the primary's next batch that a lower watermark or an
   * executed batch lets in, then a state transfer; then a COMMIT for a slot the step made
   * prepared, a PRE-PREPARE held until its view was entered, the view change's JOIN, the move
   * that 2f+1 replicas suspecting the primary make (and the vote that f+1 of them make this one
   * cast), the NEW-VIEW, and the NEW-VIEW timer that 2f+1 VIEW-CHANGEs start. Every action fired changes the
   * state so that it is not enabled again by the same facts, so the loop ends.
   */
  private void fireEnabledActions() {
    boolean fired;
    do {
      fired = executeAndCheckpoint()
          || checkpointing.stableCheckpoint()
          || normalCase.sendPrePrepare()
          || checkpointing.stateTransfer()
          || normalCase.sendCommit()
          || normalCase.receiveEarlyPrePrepare()
          || viewChanging.joinViewChange()
          || viewChanging.startViewChange()
          || viewChanging.suspectWithOthers()
          || viewChanging.sendNewView()
          || viewChanging.startNewViewTimer();
    } while (fired);
  }

  /** PBFT.tla!Execute of the next sequence number, and its CHECKPOINT if n % K == 0. */
  private boolean executeAndCheckpoint() {
    OptionalLong executed = normalCase.execute();
    executed.ifPresent(n -> {
      if (n % state.config.checkpointInterval() == 0) {
        checkpointing.sendCheckpoint(n);
      }
    });
    return executed.isPresent();
  }

  /**
   * The process restarted with the state its write-ahead log recorded. Every variable of the
   * spec's replica is in that log (the inputs that produced it are replayed), so nothing is
   * lost; the event says which sequence number execution resumes after.
   *
   * <p>Spec: PBFT.tla!Restart
   */
  private void onRestart() {
    state.trace(SpecAction.Restart, state.view, state.lastExecuted, null);
  }

  private void dispatch(int from, Message m) {
    viewChanging.noticeActivity(from, m);
    if (m instanceof Request r && r.readOnly()) {
      readOnlyRequests.onReadOnlyRequest(r);
    } else if (m instanceof Request r) {
      normalCase.onRequest(from, r);
    } else if (m instanceof PrePrepare pp) {
      normalCase.onPrePrepare(from, pp);
    } else if (m instanceof Prepare p) {
      normalCase.onPrepare(from, p);
    } else if (m instanceof Commit c) {
      normalCase.onCommit(from, c);
    } else if (m instanceof Checkpoint c) {
      checkpointing.onCheckpoint(from, c);
    } else if (m instanceof ViewChange vc) {
      viewChanging.onViewChange(from, vc);
    } else if (m instanceof NewView nv) {
      viewChanging.onNewView(from, nv);
    } else if (m instanceof FetchState f) {
      checkpointing.onFetchState(from, f);
    } else if (m instanceof StateSnapshot s) {
      checkpointing.onStateSnapshot(from, s);
    } else if (m instanceof StatusReport s) {
      statusExchange.onStatusReport(from, s);
    } else if (m instanceof Reply) {
      state.ignore(NOT_FOR_REPLICAS, m);
    } else {
      throw new AssertionError("Message is sealed; unhandled type " + m.getClass());
    }
  }

  public int id() {
    return state.id;
  }

  public long view() {
    return state.view;
  }

  public Status status() {
    return state.status;
  }

  /**
   * The view whose primary this replica suspects (-1: none yet): a vote to leave it, which takes
   * effect once 2f+1 replicas cast it (ViewChanging#startViewChange).
   */
  public long suspectedView() {
    return state.suspectedView;
  }

  /** h: the sequence number of the stable checkpoint. */
  public long lowWatermark() {
    return state.h();
  }

  public long lastExecuted() {
    return state.lastExecuted;
  }

  /** How many messages were ignored for {@code reason} so far. */
  public long ignoredCount(IgnoreReason reason) {
    return state.ignoredCount(reason);
  }

  /**
   * How many times the view-change timer expired and the replica stayed in its view: f+1 others
   * visibly made progress there without it, fewer than f+1 were seen stuck where it was, or it
   * voted to leave and fewer than 2f+1 replicas had voted yet.
   */
  public long timeoutsStayed() {
    return viewChanging.timeoutsStayed();
  }

  /** Sequence numbers the log still holds entries for (garbage collection is observable). */
  List<Long> loggedSequenceNumbers() {
    return state.log.sequenceNumbers();
  }

  /** Sizes of what peers and clients can make a replica hold, for tests of the bounds. */
  int pendingRequests() {
    return state.pending.size();
  }

  int orderedInView() {
    return normalCase.orderedInViewCount();
  }

  int heldCheckpoints() {
    return state.checkpoints.size();
  }

  int heldReadOnly() {
    return readOnlyRequests.held();
  }

  int heldViewChanges() {
    return state.viewChanges.size();
  }
}
