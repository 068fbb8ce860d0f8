package org.pbft.bench;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.pbft.config.ConfigException;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.core.message.Message;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;
import org.pbft.wire.WireException;

/**
 * Four replicas and two clients with keys from a seeded generator, one {@link SecureChannel}
 * per node. Nodes learn others' signatures and request authenticators the way a replica does,
 * by receiving the messages ({@link #deliver}), so that sealed frames carry real ones, not the
 * zeros a channel sends for what it does not know.
 */
final class BenchCluster {
  static final int N = 4;
  static final int CLIENTS = 2;
  static final long INCARNATION = 1;
  static final long LAMPORT = 7;

  private final GeneratedCluster generated;
  private final Map<NodeId, SecureChannel> channels = new HashMap<>();
  private long lastCounter;

  BenchCluster() {
    generated = generate();
    for (int r = 0; r < N; r++) {
      channels.put(NodeId.replica(r), newChannel(NodeId.replica(r)));
    }
    for (int c = 0; c < CLIENTS; c++) {
      channels.put(NodeId.client(c), newChannel(NodeId.client(c)));
    }
  }

  private static GeneratedCluster generate() {
    try {
      SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
      seeded.setSeed(42); // the same keys every run, so runs compare
      return Keygen.cluster(N, CLIENTS, "127.0.0.1", 7000, seeded);
    } catch (NoSuchAlgorithmException | ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A channel for {@code node} that has verified nothing and accepted no frame yet. */
  SecureChannel newChannel(NodeId node) {
    return new SecureChannel(generated.config(), generated.keysOf(node), Limits.defaults());
  }

  SecureChannel channel(NodeId node) {
    return channels.get(node);
  }

  /** Sends {@code m} from one node's channel to another's, which verifies and remembers it. */
  void deliver(NodeId from, NodeId to, Message m) {
    if (from.equals(to)) {
      return; // a replica signs its own messages when it seals them
    }
    try {
      channel(to).open(channel(from).seal(to, INCARNATION, ++lastCounter, LAMPORT, m));
    } catch (WireException e) {
      throw new IllegalStateException("fixture frame refused: " + m, e);
    }
  }
}
