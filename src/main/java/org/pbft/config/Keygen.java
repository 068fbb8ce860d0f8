package org.pbft.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.pbft.crypto.Ed25519;
import org.pbft.crypto.Hmac;

/**
 * Generates a cluster: {@code cluster.properties} (replica i listens on host:basePort+i) and one
 * key file per node, with a fresh Ed25519 key pair per node and a fresh 32-byte MAC key per pair
 * of nodes that talk (replica-replica, replica-client).
 */
public final class Keygen {
  private Keygen() {}

  /** Generates into {@code out}, refusing a directory that already holds anything. */
  public static List<Path> generate(
      int n, int clients, String host, int basePort, Path out, SecureRandom random)
      throws ConfigException, IOException {
    return generate(n, clients, host, basePort, out, random, false);
  }

  /**
   * Generates into {@code out} (created if absent) and returns the files written, the cluster
   * file first. With {@code overwrite}, replaces files in a non-empty directory.
   */
  public static List<Path> generate(
      int n, int clients, String host, int basePort, Path out, SecureRandom random,
      boolean overwrite) throws ConfigException, IOException {
    checkArguments(n, clients, basePort);
    refuseNonEmpty(out, overwrite);
    GeneratedCluster cluster = cluster(n, clients, host, basePort, random);
    Files.createDirectories(out);
    List<Path> written = new ArrayList<>();
    cluster.config().write(out);
    written.add(out.resolve(ClusterConfig.FILE_NAME));
    for (NodeKeys keys : cluster.nodeKeys()) {
      Path file = out.resolve(NodeKeys.fileName(keys.id()));
      keys.write(file);
      written.add(file);
    }
    return written;
  }

  /** Generates a cluster in memory: its configuration and every node's keys. */
  public static GeneratedCluster cluster(
      int n, int clients, String host, int basePort, SecureRandom random)
      throws ConfigException {
    checkArguments(n, clients, basePort);
    List<NodeId> nodes = new ArrayList<>();
    Map<NodeId, Ed25519PrivateKeyParameters> signingKeys = new HashMap<>();
    Map<NodeId, Map<NodeId, byte[]>> macKeys = new HashMap<>();
    for (int i = 0; i < n; i++) {
      nodes.add(NodeId.replica(i));
    }
    for (int c = 0; c < clients; c++) {
      nodes.add(NodeId.client(c));
    }
    for (NodeId node : nodes) {
      signingKeys.put(node, Ed25519.generatePrivateKey(random));
      macKeys.put(node, new HashMap<>());
    }
    for (int a = 0; a < nodes.size(); a++) {
      for (int b = a + 1; b < nodes.size(); b++) {
        NodeId x = nodes.get(a);
        NodeId y = nodes.get(b);
        if (x.isClient() && y.isClient()) {
          continue; // clients only talk to replicas
        }
        byte[] shared = new byte[Hmac.KEY_BYTES];
        random.nextBytes(shared);
        macKeys.get(x).put(y, shared);
        macKeys.get(y).put(x, shared);
      }
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    List<Ed25519PublicKeyParameters> replicaKeys = new ArrayList<>();
    List<Ed25519PublicKeyParameters> clientKeys = new ArrayList<>();
    List<NodeKeys> nodeKeys = new ArrayList<>();
    for (NodeId node : nodes) {
      Ed25519PublicKeyParameters publicKey = Ed25519.publicKeyOf(signingKeys.get(node));
      if (node.isReplica()) {
        addresses.add(new InetSocketAddress(host, basePort + node.index()));
        replicaKeys.add(publicKey);
      } else {
        clientKeys.add(publicKey);
      }
      nodeKeys.add(new NodeKeys(node, signingKeys.get(node), macKeys.get(node)));
    }
    return new GeneratedCluster(new ClusterConfig(addresses, replicaKeys, clientKeys), nodeKeys);
  }

  private static void checkArguments(int n, int clients, int basePort) throws ConfigException {
    String size = ClusterConfig.sizeProblem(n);
    if (size != null) {
      throw new ConfigException("the number of replicas " + size);
    }
    if (clients < 0 || clients > ClusterConfig.MAX_NODES) {
      throw new ConfigException("need between 0 and " + ClusterConfig.MAX_NODES
          + " clients, got " + clients);
    }
    if (basePort < 1 || (long) basePort + n - 1 > 65_535) {
      throw new ConfigException("ports " + basePort + ".." + ((long) basePort + n - 1)
          + " are not all in [1, 65535]");
    }
  }

  private static void refuseNonEmpty(Path out, boolean overwrite)
      throws ConfigException, IOException {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new ConfigException(out + " exists and is not a directory");
    }
    long entries;
    try (Stream<Path> listing = Files.list(out)) {
      entries = listing.count();
    }
    if (entries > 0 && !overwrite) {
      throw new ConfigException("output directory " + out + " is not empty (" + entries
          + " entries); refusing to overwrite keys (use --force to replace them)");
    }
  }
}
