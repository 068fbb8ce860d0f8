package org.pbft.wire;

/** Why {@link SecureChannel#open} refused a frame, in the order the checks run. */
public enum DropReason {
  /** The frame, or a length or count inside it, exceeds its {@link Limits}. */
  OVERSIZED,
  /** The frame ends before the header, a field, or a length-prefixed value is complete. */
  TRUNCATED,
  /** The first byte is not a wire format version this code reads. */
  UNSUPPORTED_VERSION,
  /** A message type byte that no message has. */
  UNKNOWN_TYPE,
  /**
   * Well-authenticated bytes that are not a valid message: an unknown node kind, an id out of
   * range, a negative view or sequence number, a nested message of the wrong type, trailing
   * bytes, or a message type the sender's role never sends (a client sends only REQUEST, a
   * replica sends a client only REPLY).
   */
  MALFORMED,
  /**
   * The sender is not a node of the cluster (or shares no key with this node), or the message
   * names a sender other than the authenticated one: a top-level message whose replica field,
   * or a REQUEST whose client id, differs from the frame's sender.
   */
  UNKNOWN_SENDER,
  /** Addressed to another node, or a REPLY for another client than the receiving one. */
  WRONG_DESTINATION,
  /** The link MAC does not verify under the key shared with the claimed sender. */
  BAD_MAC,
  /** An Ed25519 signature, top-level or nested, does not verify as its signer's. */
  BAD_SIGNATURE,
  /** This replica's entry in a request's MAC authenticator does not verify. */
  BAD_REQUEST_AUTHENTICATOR,
  /** Not above the highest (incarnation, counter) already accepted from the sender. */
  REPLAYED
}
