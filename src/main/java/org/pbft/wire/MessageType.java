package org.pbft.wire;

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

/** The type byte that starts every canonical message encoding. Codes are part of the format. */
enum MessageType {
  REQUEST(1, false),
  PRE_PREPARE(2, true),
  PREPARE(3, true),
  COMMIT(4, false),
  CHECKPOINT(5, true),
  VIEW_CHANGE(6, true),
  NEW_VIEW(7, true),
  REPLY(8, false),
  FETCH_STATE(9, false),
  STATE_SNAPSHOT(10, false),
  STATUS(11, false);

  private static final MessageType[] BY_CODE = new MessageType[12];

  static {
    for (MessageType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  final int code;
  /** Signed (Ed25519) because it is shown to third parties as evidence; MAC-only otherwise. */
  final boolean signed;

  MessageType(int code, boolean signed) {
    this.code = code;
    this.signed = signed;
  }

  /**
   * The bytes a PRE-PREPARE's signature covers: its type byte, view and sequence number (i64
   * each) and batch digest, the paper's PRE-PREPARE(v, n, d). The batch travels beside them,
   * bound by d, which every replica checks before it takes the batch from a PRE-PREPARE (normal
   * case, prepared certificates): a signature over the whole batch would hash every request's
   * bytes again (Ed25519 hashes what it signs with SHA-512, twice to sign) at the primary and at
   * every backup.
   */
  static final int PRE_PREPARE_SIGNED_BYTES = 1 + 8 + 8 + CanonicalDecoder.DIGEST_BYTES;

  /**
   * Where the signature of a message of this type encoded in {@code [start, end)} ends: the
   * whole encoding, but only the header of a PRE-PREPARE ({@link #PRE_PREPARE_SIGNED_BYTES}).
   */
  int signedEnd(int start, int end) {
    return this == PRE_PREPARE ? start + PRE_PREPARE_SIGNED_BYTES : end;
  }

  /** The type of a code, or null for a code no type has. */
  static MessageType ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  static MessageType of(Message m) {
    // Java 17 has no pattern switch; the sealed interface keeps this list complete.
    if (m instanceof Request) {
      return REQUEST;
    } else if (m instanceof PrePrepare) {
      return PRE_PREPARE;
    } else if (m instanceof Prepare) {
      return PREPARE;
    } else if (m instanceof Commit) {
      return COMMIT;
    } else if (m instanceof Checkpoint) {
      return CHECKPOINT;
    } else if (m instanceof ViewChange) {
      return VIEW_CHANGE;
    } else if (m instanceof NewView) {
      return NEW_VIEW;
    } else if (m instanceof Reply) {
      return REPLY;
    } else if (m instanceof FetchState) {
      return FETCH_STATE;
    } else if (m instanceof StateSnapshot) {
      return STATE_SNAPSHOT;
    } else if (m instanceof StatusReport) {
      return STATUS;
    }
    throw new IllegalArgumentException("not a protocol message: " + m);
  }
}
