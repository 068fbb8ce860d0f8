package org.pbft.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.RequestKey;
import org.pbft.service.Service;

/**
 * What one replica knows, shared by the handlers of every protocol phase ({@link NormalCase},
 * {@link Checkpointing}, {@link ViewChanging}, {@link ReadOnlyRequests}), and the effects of the
 * step being taken. The phases change the same variables (a NEW-VIEW adopts a checkpoint and
 * accepts pre-prepares, an installed state lets execution resume), so the variables live here
 * rather than in any one phase; state that a single phase reads and writes stays in that phase.
 *
 * <p>Package-private and only reachable through {@link Replica}, whose {@code step} is the one
 * way in: the fields are written by the handlers directly, as the spec's actions assign its
 * variables.
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
  /** Requests already in a PRE-PREPARE of this view: the primary does not order them twice. */
  final Set<RequestKey> orderedInView = new HashSet<>();
  private final IgnoreTally ignored = new IgnoreTally();

  /** PBFT.tla!view. */
  long view;
  /** PBFT.tla!status. */
  Replica.Status status = Replica.Status.NORMAL;
  /** The highest sequence number executed (the spec's executed, as a prefix). */
  long lastExecuted;
  /** The sequence number the primary assigns to its next batch. */
  long nextSeq = 1;
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

  void emit(Effect effect) {
    out.add(effect);
  }

  void send(int to, Message m) {
    out.add(new Effect.Send(to, m));
  }

  void broadcast(Message m) {
    out.add(new Effect.Broadcast(m));
  }

  void reply(Request r, byte[] result) {
    out.add(new Effect.SendReply(new Reply(view, r.timestamp(), r.clientId(), id, result)));
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
