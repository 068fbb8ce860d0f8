package org.pbft.wire;

import org.pbft.config.NodeId;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.Message;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.StateSnapshot;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;

/**
 * Ties a top-level message to the sender the link MAC authenticated, which is what lets the
 * core trust replica fields. A client sends only REQUEST (its own); a replica sends a client
 * only REPLY (its own, for that client); between replicas, every message with a replica field
 * carries the sender's, and a REQUEST is a client's relayed by a backup. PRE-PREPARE and NEW-VIEW name their sender by their view, and their
 * signature (checked later) proves it.
 */
final class SenderRules {
  private SenderRules() {}

  static void check(FrameHeader header, Message m) throws WireException {
    NodeId from = header.from();
    NodeId to = header.to();
    MessageType type = MessageType.of(m);
    if (from.isClient()) {
      if (!(m instanceof Request r)) {
        throw new WireException(DropReason.MALFORMED, "a client sends only REQUEST, "
            + from + " sent " + type);
      }
      if (r.clientId() != from.index()) {
        throw new WireException(DropReason.UNKNOWN_SENDER,
            from + " sent a REQUEST of client " + r.clientId());
      }
      return;
    }
    if (to.isClient()) {
      if (!(m instanceof Reply r)) {
        throw new WireException(DropReason.MALFORMED, "a replica sends a client only REPLY, "
            + from + " sent " + type);
      }
      if (r.clientId() != to.index()) {
        throw new WireException(DropReason.WRONG_DESTINATION,
            "a REPLY for client " + r.clientId() + " sent to " + to);
      }
      requireSender(from, r.replica(), type);
      return;
    }
    // A backup relays a client's REQUEST to the primary (Castro and Liskov, section 4.1); the
    // request is the client's, proven by the client's authenticator it carries, checked later.
    if (m instanceof Reply) {
      throw new WireException(DropReason.MALFORMED, "replicas do not send " + type
          + " to replicas (from " + from + ")");
    }
    Integer claimed = replicaField(m);
    if (claimed != null) {
      requireSender(from, claimed, type);
    }
  }

  private static void requireSender(NodeId from, int replica, MessageType type)
      throws WireException {
    if (replica != from.index()) {
      throw new WireException(DropReason.UNKNOWN_SENDER,
          from + " sent a " + type + " of replica " + replica);
    }
  }

  private static Integer replicaField(Message m) {
    if (m instanceof Prepare p) {
      return p.replica();
    } else if (m instanceof Commit c) {
      return c.replica();
    } else if (m instanceof Checkpoint c) {
      return c.replica();
    } else if (m instanceof ViewChange v) {
      return v.replica();
    } else if (m instanceof FetchState f) {
      return f.replica();
    } else if (m instanceof StateSnapshot s) {
      return s.replica();
    } else if (m instanceof StatusReport s) {
      return s.replica();
    }
    return null;
  }
}
