package org.pbft.wire;

import org.pbft.config.ClusterConfig;
import org.pbft.config.NodeId;
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

/** Who legitimately sends a message and to whom, as the protocol does. */
record Routes(NodeId from, NodeId to) {

  static Routes of(Message m, ClusterConfig config) {
    int n = config.n();
    if (m instanceof Request r) {
      return new Routes(NodeId.client((int) r.clientId()), NodeId.replica(config.primary(0)));
    } else if (m instanceof Reply r) {
      return new Routes(NodeId.replica(r.replica()), NodeId.client((int) r.clientId()));
    }
    int sender;
    if (m instanceof PrePrepare p) {
      sender = config.primary(p.view());
    } else if (m instanceof NewView v) {
      sender = config.primary(v.view());
    } else if (m instanceof Prepare p) {
      sender = p.replica();
    } else if (m instanceof Commit c) {
      sender = c.replica();
    } else if (m instanceof Checkpoint c) {
      sender = c.replica();
    } else if (m instanceof ViewChange v) {
      sender = v.replica();
    } else if (m instanceof FetchState f) {
      sender = f.replica();
    } else if (m instanceof StatusReport s) {
      sender = s.replica();
    } else {
      sender = ((StateSnapshot) m).replica();
    }
    return new Routes(NodeId.replica(sender), NodeId.replica((sender + 1) % n));
  }
}
