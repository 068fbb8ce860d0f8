package org.pbft.core;

/**
 * The actions of spec/PBFT.tla, spelled exactly as there: the trace event names. Each has one
 * handler, in {@link NormalCase}, {@link Checkpointing}, {@link ViewChanging} or {@link Replica}
 * (Restart), whose doc
 * comment says {@code Spec: PBFT.tla!<name>}.
 */
public enum SpecAction {
  SendPrePrepare,
  ReceivePrePrepare,
  SendCommit,
  Execute,
  StableCheckpoint,
  StateTransfer,
  StartViewChange,
  JoinViewChange,
  SendNewView,
  ReceiveNewView,
  Restart
}
