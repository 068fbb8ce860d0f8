package org.pbft.core;

import java.util.ArrayList;
import java.util.List;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.StatusReport;
import org.pbft.service.Service;

/**
 * What one replica knows, shared by the handlers of every protocol phase ({@link NormalCase},
 * {@link Checkpointing}, {@link ViewChanging}, {@link ReadOnlyRequests}), and the effects of the
 * step being taken. Every phase reads these variables; each is written by one phase: {@code view}
 * and {@code status} by {@link ViewChanging}, {@code lastExecuted} by {@link NormalCase},
 * {@code stateFetch} by {@link Checkpointing}. Another phase that changes one of them (an
 * installed state lets execution resume) calls a method of its owner. The message log and the
 * timer are shared as the spec's message sets are: the normal case and a NEW-VIEW both accept
 * pre-prepares. State that a single phase reads and writes (the next sequence number, the
 * requests ordered in this view) stays in that phase.
 *
 * <p>Package-private and only reachable through {@link Replica}, whose {@code step} is the one
 * way in.
 */
final class ReplicaState {
  final int id;
  final ReplicaConfig config;
  final Quorums quorums;
  final Service service;
  /** The digest of the service's state before any request: the checkpoint at sequence 0. */
  final Digest initialState;
  final ClientTable clients = new ClientTable();
  final MessageLog log = new MessageLog();
  final CheckpointStore checkpoints;
  final ViewChangeStore viewChanges = new ViewChangeStore();
  final ViewChangeTimer timer;
  /** Requests received and not executed yet, one per client: they keep the timer running. */
  final PendingRequests pending = new PendingRequests();
  private final IgnoreTally ignored = new IgnoreTally();

  /** PBFT.tla!view. */
  long view;
  /** PBFT.tla!status. */
  Replica.Status status = Replica.Status.NORMAL;
  /**
   * The highest sequence number executed (the spec's executed, as a prefix). Written only by
   * {@link NormalCase}: by executing, or by resuming after a state installed by state transfer.
   */
  long lastExecuted;
  /**
   * The view whose primary this replica suspects (-1: none yet): its timer expired there with the
   * others stuck as it was, or f+1 others suspect it too. It leaves that view once 2f+1 replicas
   * suspect it (ViewChanging#startViewChange); the vote is sent with its STATUS, outside the
   * spec, and never taken back in that view.
   */
  long suspectedView = -1;
  /** The stable checkpoint whose state is being fetched; non-null iff lastExecuted < h. */
  CertifiedCheckpoint stateFetch;
  private List<Effect> out = new ArrayList<>();

  ReplicaState(int id, ReplicaConfig config, Service service) {
    this.id = id;
    this.config = config;
    this.quorums = config.quorums();
    this.service = service;
    this.timer = new ViewChangeTimer(config.viewChangeTimeout());
    byte[] initial = CheckpointState.capture(service, clients);
    this.initialState = Digest.of(initial);
    this.checkpoints = new CheckpointStore(initialState, initial);
  }

  /** Starts a step with no effects, even if the previous step stopped half-way (it threw). */
  void beginStep() {
    out = new ArrayList<>();
  }

  /** The effects of the step just taken, in the order they were produced. */
  List<Effect> takeEffects() {
    List<Effect> effects = out;
    out = new ArrayList<>();
    return effects;
  }

  /** h: the sequence number of the stable checkpoint (the low watermark). */
  long h() {
    return checkpoints.stable().seq();
  }

  /** PBFT.tla!InWindow: h < n <= h + L. */
  boolean inWindow(long n) {
    return h() < n && n <= h() + config.logWindow();
  }

  boolean isPrimary() {
    return config.primary(view) == id;
  }

  /** STATUS: where this replica is (its view and status, h, its last execution, its vote). */
  StatusReport statusReport() {
    return new StatusReport(view, status == Replica.Status.NORMAL, h(), lastExecuted,
        suspectedView == view, id);
  }

  void emit(Effect effect) {
    out.add(effect);
  }

  void send(int to, Message m) {
    out.add(new Effect.Send(to, m));
  }

  void broadcast(Message m) {
    out.add(new Effect.Broadcast(m));
  }

  /**
   * REPLY to {@code r}, whole or as its digest as {@link #asSent} says; {@code again}: the
   * request came back after it executed (its client is still waiting, perhaps because the
   * designated replier is faulty).
   */
  void reply(Request r, byte[] result, boolean again) {
    out.add(new Effect.SendReply(
        asSent(r, id, new Reply(view, r.timestamp(), r.clientId(), id, result), again)));
  }

  /**
   * What replica {@code self} sends of {@code whole}, its reply to {@code r}: the reply itself
   * when {@code r} designates it or nobody, when {@code again}, or when the result is no longer
   * than its digest (the digest would save nothing, and every reply then carries the result, so
   * that the client accepts the first f + 1 that match, whoever sent them); else its digest.
   */
  static Reply asSent(Request r, int self, Reply whole, boolean again) {
    boolean full = again || r.repliesInFull(self) || !whole.worthDigesting();
    return full ? whole : whole.digested();
  }

  void trace(SpecAction action, long v, long n, Digest d) {
    out.add(new Effect.Trace(new TraceEvent(action, id, v, n, d)));
  }

  void ignore(IgnoreReason reason, Message m) {
    ignored.add(reason);
    out.add(new Effect.Ignore(reason, m));
  }

  long ignoredCount(IgnoreReason reason) {
    return ignored.count(reason);
  }
}
