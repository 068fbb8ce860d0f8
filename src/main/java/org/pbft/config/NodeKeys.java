package org.pbft.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.pbft.crypto.Ed25519;
import org.pbft.crypto.Hmac;

/**
 * One node's secrets: its Ed25519 private key and the HMAC-SHA256 key it shares with each peer
 * (a replica with every other replica and every client, a client with every replica). Stored as
 * {@code replica-<i>.key} / {@code client-<c>.key}, a properties file readable by its owner only:
 *
 * <pre>
 * node=replica-0
 * signingKey=&lt;64 hex digits: the Ed25519 seed&gt;
 * mac.replica-1=&lt;64 hex digits&gt;
 * mac.client-0=&lt;64 hex digits&gt;
 * </pre>
 */
public final class NodeKeys {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final String MAC_PREFIX = "mac.";

  private final NodeId id;
  private final Ed25519PrivateKeyParameters signingKey;
  private final Map<NodeId, byte[]> macKeys;

  public NodeKeys(NodeId id, Ed25519PrivateKeyParameters signingKey, Map<NodeId, byte[]> macKeys) {
    this.id = id;
    this.signingKey = signingKey;
    Map<NodeId, byte[]> copy = new HashMap<>();
    macKeys.forEach((peer, key) -> {
      if (key.length != Hmac.KEY_BYTES) {
        throw new IllegalArgumentException("MAC key for " + peer + " has " + key.length
            + " bytes, expected " + Hmac.KEY_BYTES);
      }
      if (peer.equals(id)) {
        throw new IllegalArgumentException(id + " cannot share a MAC key with itself");
      }
      copy.put(peer, key.clone());
    });
    this.macKeys = Collections.unmodifiableMap(copy);
  }

  /** The file name of {@code node}'s keys in a configuration directory. */
  public static String fileName(NodeId node) {
    return node + ".key";
  }

  public NodeId id() {
    return id;
  }

  public Ed25519PrivateKeyParameters signingKey() {
    return signingKey;
  }

  public Ed25519PublicKeyParameters publicKey() {
    return Ed25519.publicKeyOf(signingKey);
  }

  public boolean hasMacKey(NodeId peer) {
    return macKeys.containsKey(peer);
  }

  /** The key shared with {@code peer}; a copy, so callers cannot change it. */
  public byte[] macKey(NodeId peer) {
    byte[] key = macKeys.get(peer);
    if (key == null) {
      throw new IllegalArgumentException(id + " shares no MAC key with " + peer);
    }
    return key.clone();
  }

  public Set<NodeId> peers() {
    return macKeys.keySet();
  }

  /**
   * Reads a key file. Like ssh, refuses one that group or others may access: a leaked key lets
   * anyone impersonate this node. (No check on file systems without POSIX permissions.)
   */
  public static NodeKeys load(Path file) throws ConfigException {
    refuseOpenPermissions(file);
    PropertiesFile props = PropertiesFile.read(file);
    NodeId id;
    try {
      id = NodeId.parse(props.string("node"));
    } catch (IllegalArgumentException e) {
      throw ConfigException.entry(file, "node", e.getMessage());
    }
    Ed25519PrivateKeyParameters signingKey =
        Ed25519.privateKeyFromBytes(props.hex("signingKey", Ed25519.PRIVATE_KEY_BYTES));
    Map<NodeId, byte[]> macKeys = new HashMap<>();
    for (String key : props.keys()) {
      if (key.equals("node") || key.equals("signingKey")) {
        continue;
      }
      if (!key.startsWith(MAC_PREFIX)) {
        throw ConfigException.entry(file, key, "is not a known entry");
      }
      NodeId peer;
      try {
        peer = NodeId.parse(key.substring(MAC_PREFIX.length()));
      } catch (IllegalArgumentException e) {
        throw ConfigException.entry(file, key, "does not name a peer: " + e.getMessage());
      }
      if (peer.equals(id)) {
        throw ConfigException.entry(file, key, "is a key shared with the node itself");
      }
      macKeys.put(peer, props.hex(key, Hmac.KEY_BYTES));
    }
    return new NodeKeys(id, signingKey, macKeys);
  }

  private static void refuseOpenPermissions(Path file) throws ConfigException {
    if (!isPosix(file)) {
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such key file (generate keys with 'pbft keygen')");
    } catch (UnsupportedOperationException e) {
      return;
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read permissions: " + e.getMessage(), e);
    }
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new ConfigException(file + ": permissions "
          + PosixFilePermissions.toString(permissions) + " let group or others access this "
          + "private key file; allow the owner only (chmod 600 " + file + ")");
    }
  }

  /**
   * Writes the key file, replacing an existing one. The file is created with owner-only
   * permissions, so the secrets are never readable by others, not even for a moment.
   */
  public void write(Path file) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    HexFormat hex = HexFormat.of();
    entries.put("node", id.toString());
    entries.put("signingKey", hex.formatHex(signingKey.getEncoded()));
    new TreeMap<String, byte[]>(toNames(macKeys))
        .forEach((peer, key) -> entries.put(MAC_PREFIX + peer, hex.formatHex(key)));
    byte[] text = PropertiesFile.format(
        "PBFT secret keys of " + id + ": keep private (owner read/write only)", entries);
    Files.deleteIfExists(file);
    try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        ownerOnlyIfPosix(file)))) {
      out.write(text);
    }
  }

  private static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] ownerOnlyIfPosix(Path file) {
    if (!isPosix(file)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
  }

  private static Map<String, byte[]> toNames(Map<NodeId, byte[]> keys) {
    Map<String, byte[]> named = new HashMap<>();
    keys.forEach((peer, key) -> named.put(peer.toString(), key));
    return named;
  }

  /** Names the node and its peers; never prints a secret. */
  @Override
  public String toString() {
    return "NodeKeys[" + id + ", MAC keys with " + macKeys.size() + " peers]";
  }
}
