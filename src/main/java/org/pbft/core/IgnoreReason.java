package org.pbft.core;

/** Why a replica ignored a message: each guard of a handler has its own reason. */
public enum IgnoreReason {
  /** The message is for a view other than the one the rule requires. */
  WRONG_VIEW,
  /** A normal-case message arrived while the replica waits for NEW-VIEW. */
  VIEW_CHANGE_IN_PROGRESS,
  /** The sequence number is not in (h, h + L]. */
  OUTSIDE_WATERMARKS,
  /** A digest does not match the batch or the state it stands for. */
  BAD_DIGEST,
  /** The replica already has this message, or one from the same sender for the same slot. */
  DUPLICATE,
  /** A second, different PRE-PREPARE for a (view, sequence number) already accepted. */
  CONFLICTING_PRE_PREPARE,
  /** A message only the primary of its view may send came from another replica. */
  NOT_PRIMARY,
  /** A message only backups send came from the primary of its view. */
  NOT_BACKUP,
  /** The authenticated sender is not the replica the message names. */
  WRONG_SENDER,
  /** A normal PRE-PREPARE with no request: only NEW-VIEW orders the null request. */
  NULL_REQUEST,
  /** A PRE-PREPARE with more requests than the batch bound. */
  BATCH_TOO_LARGE,
  /** Older than what the replica already has (request timestamp, checkpoint, state). */
  STALE,
  /**
   * Held, then replaced by a newer message of the same sender where the replica keeps one per
   * sender: a client's pending request, a replica's CHECKPOINT above the window.
   */
  SUPERSEDED,
  /** A VIEW-CHANGE whose checkpoint proof or prepared certificates do not hold. */
  INVALID_CERTIFICATE,
  /** A NEW-VIEW whose V is not a valid quorum or whose O differs from the one V determines. */
  INVALID_NEW_VIEW,
  /** A request for a checkpointed state the replica does not hold. */
  NO_STATE,
  /** A CHECKPOINT for a sequence number that is not a multiple of K. */
  NOT_A_CHECKPOINT,
  /** A message replicas never receive (a REPLY is for clients). */
  NOT_FOR_REPLICAS,
  /** A read-only request while the replica fetches a state: it is behind a stable checkpoint. */
  STATE_TRANSFER_IN_PROGRESS,
  /**
   * A request marked read-only whose operation the service cannot run without changing the
   * state: it is not answered, and the client falls back to an ordered request.
   */
  NOT_READ_ONLY,
  /** A PRE-PREPARE whose batch holds a read-only request: those are never ordered. */
  READ_ONLY_IN_BATCH,
  /**
   * A STATUS from a replica answered less than half a status interval ago: two answers per interval,
   * so that a faulty replica cannot make the others send their logs again and again.
   */
  RATE_LIMITED
}
