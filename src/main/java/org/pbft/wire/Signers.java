package org.pbft.wire;

import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.ViewChange;

/** Whose signature a signed message must carry. */
final class Signers {
  private Signers() {}

  /**
   * PRE-PREPARE and NEW-VIEW: the primary of their view (they have no replica field: the view
   * names the sender). PREPARE, CHECKPOINT, VIEW-CHANGE: their replica field.
   */
  static int signerOf(Message m, int n) {
    if (m instanceof PrePrepare p) {
      return (int) Math.floorMod(p.view(), (long) n);
    } else if (m instanceof NewView v) {
      return (int) Math.floorMod(v.view(), (long) n);
    } else if (m instanceof Prepare p) {
      return p.replica();
    } else if (m instanceof Checkpoint c) {
      return c.replica();
    } else if (m instanceof ViewChange v) {
      return v.replica();
    }
    throw new IllegalArgumentException(MessageType.of(m) + " is not signed");
  }
}
