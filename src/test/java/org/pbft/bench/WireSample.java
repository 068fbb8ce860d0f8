package org.pbft.bench;

import org.pbft.config.NodeId;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Message;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Request;
import org.pbft.core.message.ViewChange;

/**
 * A message the wire benchmarks seal and open, with the sender and receiver the protocol gives
 * it, and what the sender must have received first to seal it with real signatures and request
 * authenticators.
 */
public enum WireSample {
  PREPARE(NodeId.replica(1), NodeId.replica(2), SampleMessages.prepare(1)),
  COMMIT(NodeId.replica(1), NodeId.replica(2), SampleMessages.commit(1)),
  /** A client's request to the primary, with a 1 KiB operation. */
  REQUEST_1KIB(NodeId.client(0), NodeId.replica(0), SampleMessages.largeRequest()),
  /** The primary's PRE-PREPARE of 64 small requests, each with its client's authenticator. */
  PRE_PREPARE_64(NodeId.replica(0), NodeId.replica(1), SampleMessages.prePrepare()),
  /** A checkpoint proof and a prepared certificate of 64 requests: seven signatures. */
  VIEW_CHANGE(NodeId.replica(1), NodeId.replica(2), SampleMessages.viewChange(1));

  final NodeId from;
  final NodeId to;
  final Message message;

  WireSample(NodeId from, NodeId to, Message message) {
    this.from = from;
    this.to = to;
    this.message = message;
  }

  /** A cluster whose sender of this sample has received everything it needs to seal it. */
  BenchCluster readyCluster() {
    BenchCluster cluster = new BenchCluster();
    if (message instanceof PrePrepare pp) {
      deliverRequestsToPrimary(cluster, pp);
    } else if (message instanceof ViewChange vc) {
      for (Checkpoint c : vc.checkpointProof()) {
        cluster.deliver(NodeId.replica(c.replica()), from, c);
      }
      for (PreparedCertificate cert : vc.preparedCertificates()) {
        // The primary needs the clients' authenticators to send its PRE-PREPARE at all.
        deliverRequestsToPrimary(cluster, cert.prePrepare());
        cluster.deliver(NodeId.replica(0), from, cert.prePrepare());
        for (Prepare p : cert.prepares()) {
          cluster.deliver(NodeId.replica(p.replica()), from, p);
        }
      }
    }
    return cluster;
  }

  private static void deliverRequestsToPrimary(
      BenchCluster cluster, PrePrepare pp) {
    for (Request r : pp.requests()) {
      cluster.deliver(NodeId.client((int) r.clientId()), NodeId.replica(0), r);
    }
  }
}
