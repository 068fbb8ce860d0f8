package org.pbft.core.message;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest, compared by value. The protocol identifies a request batch by its digest
 * (the collision-resistance assumption the spec makes by identifying a request with its digest).
 */
public final class Digest implements Comparable<Digest> {
  /** Bytes in a digest. */
  public static final int LENGTH = 32;
  private final byte[] bytes;

  private Digest(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 32 bytes that are already a digest (for example, received in a message). */
  public static Digest fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a digest has " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Digest(bytes.clone());
  }

  /** SHA-256 of {@code data}. */
  public static Digest of(byte[] data) {
    return of(data, 0, data.length);
  }

  /** SHA-256 of {@code data[offset, offset + length)}, without copying it out first. */
  public static Digest of(byte[] data, int offset, int length) {
    MessageDigest sha = SHA256.get();
    sha.update(data, offset, length);
    return new Digest(sha.digest());
  }

  /** A digest computed from fields fed to it in order, big-endian, as DataOutputStream writes. */
  static Hasher hasher() {
    MessageDigest sha = SHA256.get();
    sha.reset();
    return new Hasher(sha);
  }

  /** Builds one digest; not to be kept across another digest computed on the same thread. */
  static final class Hasher {
    private final MessageDigest sha;
    private final byte[] scratch = new byte[8];

    private Hasher(MessageDigest sha) {
      this.sha = sha;
    }

    Hasher i32(int v) {
      for (int i = 0; i < 4; i++) {
        scratch[i] = (byte) (v >>> (24 - 8 * i));
      }
      sha.update(scratch, 0, 4);
      return this;
    }

    Hasher i64(long v) {
      for (int i = 0; i < 8; i++) {
        scratch[i] = (byte) (v >>> (56 - 8 * i));
      }
      sha.update(scratch, 0, 8);
      return this;
    }

    Hasher flag(boolean v) {
      sha.update((byte) (v ? 1 : 0));
      return this;
    }

    Hasher bytes(byte[] b) {
      sha.update(b);
      return this;
    }

    Digest finish() {
      return new Digest(sha.digest());
    }
  }

  /**
   * One SHA-256 engine per thread: looking one up for every digest went through the JCA's
   * provider list each time, a lock every thread of a replica contended on. {@code digest()}
   * resets the engine, so no state survives from one call to the next.
   */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  });

  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Unsigned lexicographic order: a deterministic tie-break where the protocol needs one. */
  @Override
  public int compareTo(Digest o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** The first four bytes in hex: enough to tell digests apart in logs and test failures. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes, 0, 4);
  }
}
