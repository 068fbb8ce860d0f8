package org.pbft.wire;

import org.pbft.core.message.Message;

/**
 * A signed message inside a frame, top-level or nested: its canonical bytes are
 * {@code frame[start, end)} and {@code signer} is the replica whose signature must cover them.
 */
record SignedPart(Message message, int signer, int start, int end, boolean nested) {

  String describe() {
    return (nested ? "nested " : "") + MessageType.of(message) + " " + message
        + " (signer replica-" + signer + ")";
  }
}
