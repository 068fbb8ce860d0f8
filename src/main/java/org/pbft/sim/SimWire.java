package org.pbft.sim;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.pbft.config.ConfigException;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.core.message.Message;
import org.pbft.wire.DropReason;
import org.pbft.wire.Frame;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;
import org.pbft.wire.WireException;

/**
 * The real wire between simulated nodes: every message is sealed by its sender's {@link
 * SecureChannel} (link MAC, Ed25519 signatures of what is shown to third parties, the client's
 * request authenticators) and opened by its receiver's, with keys generated from the run's
 * randomness. A correct replica keeps a frame's signatures as evidence only when its core did
 * not ignore the message, and collects them with its low watermark and view, as {@code
 * org.pbft.node.ReplicaNode} does; a frame the receiver refuses is counted by reason and never
 * reaches its core. Addresses are the simulator's: replicas 0..n-1, then the clients.
 */
final class SimWire {
  /** The incarnation every simulated process runs as; an older one is a replay. */
  static final long INCARNATION = 1;

  private final int n;
  private final SecureChannel[] channels;
  private final GeneratedCluster cluster;
  private final long[] counters;
  private final boolean keepEvidence;
  private final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);

  /**
   * @param clients the simulator's clients, whose ids are 1..clients
   * @param keepEvidence false only to show that a campaign catches a channel that keeps no
   *     evidence: the VIEW-CHANGEs of correct replicas then cannot show their certificates
   */
  SimWire(int n, int clients, SplittableRandom random, boolean keepEvidence) {
    this.n = n;
    this.keepEvidence = keepEvidence;
    try {
      SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
      keys.setSeed(random.nextLong()); // the same seed, the same keys: runs replay exactly
      this.cluster = Keygen.cluster(n, clients + 1, "127.0.0.1", 7000, keys);
    } catch (NoSuchAlgorithmException | ConfigException e) {
      throw new IllegalStateException("cannot generate the simulated cluster's keys", e);
    }
    this.channels = new SecureChannel[n + clients];
    for (int a = 0; a < channels.length; a++) {
      channels[a] = new SecureChannel(cluster.config(), cluster.keysOf(node(a)),
          Limits.defaults());
    }
    this.counters = new long[channels.length];
  }

  /** The node at simulator address {@code a}: client addresses n.. are clients 1... */
  NodeId node(int a) {
    return a < n ? NodeId.replica(a) : NodeId.client(a - n + 1);
  }

  /** {@code m} from address {@code from} to address {@code to}, as its sender seals it. */
  byte[] seal(int from, int to, Message m) {
    return seal(from, to, INCARNATION, m);
  }

  /** As {@link #seal(int, int, Message)}, claiming {@code incarnation}. */
  byte[] seal(int from, int to, long incarnation, Message m) {
    return channels[from].seal(node(to), incarnation, ++counters[from], 0, m);
  }

  /** The frame as address {@code to} opens it, or null (counted by reason) if it refuses it. */
  Frame open(int to, byte[] frame) {
    try {
      return channels[to].open(frame);
    } catch (WireException e) {
      drops.merge(e.reason(), 1L, Long::sum);
      return null;
    }
  }

  /** The receiver's core accepted the frame's message: its signatures become evidence. */
  void keep(int to, Frame frame) {
    if (keepEvidence) {
      channels[to].keep(frame);
    }
  }

  /** Replica {@code id} reached low watermark {@code h} in {@code view}. */
  void collectGarbage(int id, long h, long view) {
    channels[id].collectGarbage(h, view);
  }

  /** The link key two addresses share: for a frame with a valid MAC around bad contents. */
  byte[] linkKey(int from, int to) {
    return cluster.keysOf(node(from)).macKey(node(to));
  }

  /** Frames refused, by reason. */
  Map<DropReason, Long> drops() {
    return new EnumMap<>(drops);
  }
}
