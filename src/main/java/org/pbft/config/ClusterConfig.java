package org.pbft.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.pbft.core.Quorums;
import org.pbft.crypto.Ed25519;

/**
 * What every process of a cluster knows in public: the n replicas (address and Ed25519 public
 * key of each) and the clients (public key of each). Stored as {@code cluster.properties}:
 *
 * <pre>
 * replicas=4
 * replica.0.address=127.0.0.1:7000
 * replica.0.publicKey=&lt;64 hex digits&gt;
 * clients=2
 * client.0.publicKey=&lt;64 hex digits&gt;
 * </pre>
 */
public final class ClusterConfig {
  public static final String FILE_NAME = "cluster.properties";
  /** The smallest group that tolerates a Byzantine fault: 3f + 1 with f = 1. */
  public static final int MIN_REPLICAS = 4;
  /**
   * One server and no fault tolerated (f = 0): the benchmark's unreplicated baseline
   * ({@code pbft bench --baseline}). Between it and {@link #MIN_REPLICAS} no size is accepted.
   */
  public static final int SINGLE_SERVER = 1;
  /** A bound that keeps a hostile file from making us allocate without end. */
  public static final int MAX_NODES = 100_000;

  private final Quorums quorums;
  private final List<InetSocketAddress> addresses;
  private final List<Ed25519PublicKeyParameters> replicaKeys;
  private final List<Ed25519PublicKeyParameters> clientKeys;

  public ClusterConfig(
      List<InetSocketAddress> replicaAddresses,
      List<Ed25519PublicKeyParameters> replicaPublicKeys,
      List<Ed25519PublicKeyParameters> clientPublicKeys) {
    if (replicaAddresses.size() != replicaPublicKeys.size()) {
      throw new IllegalArgumentException("one address per replica key: "
          + replicaAddresses.size() + " addresses, " + replicaPublicKeys.size() + " keys");
    }
    String size = sizeProblem(replicaAddresses.size());
    if (size != null) {
      throw new IllegalArgumentException("the number of replicas " + size);
    }
    this.quorums = Quorums.forReplicas(replicaAddresses.size());
    this.addresses = List.copyOf(replicaAddresses);
    this.replicaKeys = List.copyOf(replicaPublicKeys);
    this.clientKeys = List.copyOf(clientPublicKeys);
  }

  /** Why a cluster cannot have {@code n} replicas, or null if it can. */
  public static String sizeProblem(long n) {
    if (n == SINGLE_SERVER || n >= MIN_REPLICAS && n <= MAX_NODES) {
      return null;
    }
    return "is " + n + ": need n >= " + MIN_REPLICAS + " replicas (3f + 1 with f >= 1, at most "
        + MAX_NODES + "), or n = " + SINGLE_SERVER + " for an unreplicated server";
  }

  public int n() {
    return quorums.n();
  }

  public Quorums quorums() {
    return quorums;
  }

  public int clients() {
    return clientKeys.size();
  }

  public InetSocketAddress address(int replica) {
    return addresses.get(checkReplica(replica));
  }

  public Ed25519PublicKeyParameters replicaPublicKey(int replica) {
    return replicaKeys.get(checkReplica(replica));
  }

  public Ed25519PublicKeyParameters clientPublicKey(int client) {
    if (client < 0 || client >= clients()) {
      throw new IllegalArgumentException("no client " + client + " among " + clients());
    }
    return clientKeys.get(client);
  }

  /** The public key of any node of the cluster. */
  public Ed25519PublicKeyParameters publicKey(NodeId node) {
    return node.isReplica() ? replicaPublicKey(node.index()) : clientPublicKey(node.index());
  }

  /** True when {@code node} is one of this cluster's replicas or clients. */
  public boolean contains(NodeId node) {
    int bound = node.isReplica() ? n() : clients();
    return node.index() < bound;
  }

  /** PBFT.tla!Primary: the primary of view v. */
  public int primary(long view) {
    return (int) Math.floorMod(view, (long) n());
  }

  private int checkReplica(int replica) {
    if (replica < 0 || replica >= n()) {
      throw new IllegalArgumentException("no replica " + replica + " among " + n());
    }
    return replica;
  }

  public static ClusterConfig load(Path dir) throws ConfigException {
    PropertiesFile file = PropertiesFile.read(dir.resolve(FILE_NAME));
    int n = file.integer("replicas", SINGLE_SERVER, MAX_NODES);
    if (sizeProblem(n) != null) {
      throw ConfigException.entry(file.file(), "replicas", sizeProblem(n));
    }
    int clients = file.integer("clients", 0, MAX_NODES);
    Set<String> expected = new HashSet<>(List.of("replicas", "clients"));
    List<InetSocketAddress> addresses = new ArrayList<>();
    List<Ed25519PublicKeyParameters> replicaKeys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String addressKey = "replica." + i + ".address";
      String keyKey = "replica." + i + ".publicKey";
      expected.add(addressKey);
      expected.add(keyKey);
      addresses.add(HostPort.parse(file, addressKey));
      replicaKeys.add(publicKey(file, keyKey));
    }
    List<Ed25519PublicKeyParameters> clientKeys = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      String keyKey = "client." + c + ".publicKey";
      expected.add(keyKey);
      clientKeys.add(publicKey(file, keyKey));
    }
    file.rejectKeysOutside(expected);
    return new ClusterConfig(addresses, replicaKeys, clientKeys);
  }

  private static Ed25519PublicKeyParameters publicKey(PropertiesFile file, String key)
      throws ConfigException {
    byte[] encoded = file.hex(key, Ed25519.PUBLIC_KEY_BYTES);
    try {
      return Ed25519.publicKeyFromBytes(encoded);
    } catch (IllegalArgumentException e) {
      throw ConfigException.entry(file.file(), key, "is not an Ed25519 public key");
    }
  }

  /** Writes {@code dir/cluster.properties}, replacing an existing one. */
  public void write(Path dir) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("replicas", Integer.toString(n()));
    entries.put("clients", Integer.toString(clients()));
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < n(); i++) {
      entries.put("replica." + i + ".address", HostPort.format(addresses.get(i)));
      entries.put("replica." + i + ".publicKey", hex.formatHex(replicaKeys.get(i).getEncoded()));
    }
    for (int c = 0; c < clients(); c++) {
      entries.put("client." + c + ".publicKey", hex.formatHex(clientKeys.get(c).getEncoded()));
    }
    Files.write(dir.resolve(FILE_NAME), PropertiesFile.format(
        "PBFT cluster: public information, the same file for every process", entries));
  }

  @Override
  public String toString() {
    return "ClusterConfig[n=" + n() + ", f=" + quorums.f() + ", clients=" + clients()
        + ", replicas at " + addresses + "]";
  }
}
