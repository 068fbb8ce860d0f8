package org.pbft.crypto;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A MAC authenticator (Castro and Liskov, section 4.1 of TOCS 2002): one HMAC per replica over
 * the same bytes, each under the key the sender shares with that replica. n MACs cost far less
 * than one signature, but only convince their own receiver: each replica checks its entry only.
 * Stored flat, n * 32 bytes, in replica order, as it travels on the wire.
 */
public final class Authenticator {
  public static final int ENTRY_BYTES = Hmac.MAC_BYTES;

  private final byte[] entries;

  private Authenticator(byte[] entries) {
    this.entries = entries;
  }

  /** Computes every entry: {@code keyOfReplica.apply(r)} is the key shared with replica r. */
  public static Authenticator compute(
      byte[] data, int offset, int length, int replicas, IntFunction<byte[]> keyOfReplica) {
    byte[] flat = new byte[replicas * ENTRY_BYTES];
    for (int r = 0; r < replicas; r++) {
      byte[] mac = Hmac.mac(keyOfReplica.apply(r), data, offset, length);
      System.arraycopy(mac, 0, flat, r * ENTRY_BYTES, ENTRY_BYTES);
    }
    return new Authenticator(flat);
  }

  /** All zero entries: what a sender puts in place of an authenticator it does not have. */
  public static Authenticator missing(int replicas) {
    return new Authenticator(new byte[replicas * ENTRY_BYTES]);
  }

  /** Wraps the flat form; its length must be a whole number of entries. */
  public static Authenticator fromBytes(byte[] flat) {
    if (flat.length % ENTRY_BYTES != 0) {
      throw new IllegalArgumentException(
          "an authenticator is a multiple of " + ENTRY_BYTES + " bytes, got " + flat.length);
    }
    return new Authenticator(flat.clone());
  }

  public int replicas() {
    return entries.length / ENTRY_BYTES;
  }

  public byte[] entry(int replica) {
    return Arrays.copyOfRange(entries, replica * ENTRY_BYTES, (replica + 1) * ENTRY_BYTES);
  }

  /** True when the entry of {@code replica} is the MAC of the data under {@code key}. */
  public boolean verifyEntry(int replica, byte[] key, byte[] data, int offset, int length) {
    if (replica < 0 || replica >= replicas()) {
      return false;
    }
    return Hmac.verify(key, data, offset, length, entries, replica * ENTRY_BYTES);
  }

  public byte[] toBytes() {
    return entries.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Authenticator a && Arrays.equals(entries, a.entries);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(entries);
  }

  @Override
  public String toString() {
    return "Authenticator[" + replicas() + " entries]";
  }
}
