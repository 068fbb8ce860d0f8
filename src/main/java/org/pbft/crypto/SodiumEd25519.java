package org.pbft.crypto;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import java.util.Arrays;

/**
 * Ed25519 through libsodium (the copy bundled in lazysodium-java, loaded with JNA): the same
 * RFC 8032 signatures as Bouncy Castle's, byte for byte (Ed25519 is deterministic), in about
 * half the time on this project's machines. {@link Ed25519} uses it when it loads.
 */
final class SodiumEd25519 {
  private final SodiumJava sodium;

  /** @throws LinkageError or RuntimeException when the native library cannot be loaded */
  SodiumEd25519() {
    this.sodium = new SodiumJava(LibraryLoader.Mode.BUNDLED_ONLY);
  }

  /**
   * Signs with the key whose 32-byte seed and public key are given (libsodium's secret key is
   * the two together).
   */
  byte[] sign(byte[] seed, byte[] publicKey, byte[] data, int offset, int length) {
    byte[] secret = new byte[64];
    System.arraycopy(seed, 0, secret, 0, 32);
    System.arraycopy(publicKey, 0, secret, 32, 32);
    byte[] signature = new byte[Ed25519.SIGNATURE_BYTES];
    byte[] message = slice(data, offset, length);
    if (sodium.crypto_sign_detached(signature, null, message, length, secret) != 0) {
      throw new IllegalStateException("libsodium refused to sign");
    }
    Arrays.fill(secret, (byte) 0);
    return signature;
  }

  boolean verify(byte[] publicKey, byte[] data, int offset, int length, byte[] signature) {
    return sodium.crypto_sign_verify_detached(signature, slice(data, offset, length), length,
        publicKey) == 0;
  }

  private static byte[] slice(byte[] data, int offset, int length) {
    return offset == 0 && length == data.length ? data
        : Arrays.copyOfRange(data, offset, offset + length);
  }
}
