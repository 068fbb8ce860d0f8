package org.pbft.wire;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.pbft.config.ClusterConfig;
import org.pbft.config.ConfigException;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Request;
import org.pbft.core.message.ViewChange;

/**
 * Four replicas and two clients with keys from a seeded generator (the same keys every run),
 * one {@link SecureChannel} per node, and a way to make a node learn the signatures it needs to
 * forward others' messages: by receiving them from their signers, as a real replica does.
 */
final class TestCluster {
  static final int N = 4;
  static final int CLIENTS = 2;
  static final long INCARNATION = 1;

  final GeneratedCluster generated;
  private final Map<NodeId, SecureChannel> channels = new HashMap<>();
  private final AtomicLong counter = new AtomicLong();

  TestCluster() {
    this(Limits.defaults());
  }

  TestCluster(Limits limits) {
    generated = generate();
    for (int r = 0; r < N; r++) {
      channels.put(NodeId.replica(r), newChannel(NodeId.replica(r), limits));
    }
    for (int c = 0; c < CLIENTS; c++) {
      channels.put(NodeId.client(c), newChannel(NodeId.client(c), limits));
    }
  }

  static GeneratedCluster generate() {
    try {
      SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
      seeded.setSeed(42);
      return Keygen.cluster(N, CLIENTS, "127.0.0.1", 7000, seeded);
    } catch (NoSuchAlgorithmException | ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  ClusterConfig config() {
    return generated.config();
  }

  SecureChannel newChannel(NodeId node, Limits limits) {
    return new SecureChannel(generated.config(), generated.keysOf(node), limits);
  }

  SecureChannel channel(NodeId node) {
    return channels.get(node);
  }

  /** A fresh counter, above every one used before: frames built with it are never replays. */
  long nextCounter() {
    return counter.incrementAndGet();
  }

  byte[] seal(NodeId from, NodeId to, Message m) {
    return channel(from).seal(to, INCARNATION, nextCounter(), 7, m);
  }

  Frame send(NodeId from, NodeId to, Message m) throws WireException {
    Frame frame = channel(to).open(seal(from, to, m));
    channel(to).keep(frame); // as a replica whose core accepted the message
    return frame;
  }

  /** The key two nodes share, to build frames with a valid link MAC around bad contents. */
  byte[] linkKey(NodeId a, NodeId b) {
    return generated.keysOf(a).macKey(b);
  }

  /**
   * Makes {@code learner} able to seal {@code m} with every signature it carries (and, for a
   * PRE-PREPARE, its requests' authenticators): each signed message is delivered to the learner
   * by its signer, after the signer learned what it needs in turn.
   */
  void teach(NodeId learner, Message m) throws WireException {
    if (m instanceof Request r) {
      NodeId client = NodeId.client((int) r.clientId());
      if (learner.isReplica()) {
        send(client, learner, r);
      }
    } else if (m instanceof PrePrepare pp) {
      for (Request r : pp.requests()) {
        teach(learner, r);
      }
      deliverSigned(learner, config().primary(pp.view()), pp);
    } else if (m instanceof Prepare p) {
      deliverSigned(learner, p.replica(), p);
    } else if (m instanceof Checkpoint c) {
      deliverSigned(learner, c.replica(), c);
    } else if (m instanceof ViewChange vc) {
      NodeId signer = NodeId.replica(vc.replica());
      for (Checkpoint c : vc.checkpointProof()) {
        teach(signer, c);
      }
      for (PreparedCertificate cert : vc.preparedCertificates()) {
        teach(signer, cert.prePrepare());
        for (Prepare p : cert.prepares()) {
          teach(signer, p);
        }
      }
      deliverSigned(learner, vc.replica(), vc);
    } else if (m instanceof NewView nv) {
      NodeId signer = NodeId.replica(config().primary(nv.view()));
      for (ViewChange vc : nv.viewChanges()) {
        teach(signer, vc);
      }
      for (PrePrepare pp : nv.prePrepares()) {
        teach(signer, pp);
      }
      deliverSigned(learner, config().primary(nv.view()), nv);
    }
  }

  /** The signer sends {@code m} to the learner, unless the learner signs it itself. */
  private void deliverSigned(NodeId learner, int signer, Message m) throws WireException {
    NodeId from = NodeId.replica(signer);
    if (from.equals(learner)) {
      return;
    }
    if (m instanceof PrePrepare pp) {
      for (Request r : pp.requests()) {
        teach(from, r); // the primary needs the clients' authenticators to send it
      }
    }
    send(from, learner, m);
  }
}
