package org.pbft.crypto;

import java.security.SecureRandom;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 signatures (RFC 8032). Keys are Bouncy Castle's lightweight types (no JCA provider is
 * registered, so nothing global changes when a process loads this class). Signing and checking
 * go through libsodium ({@link SodiumEd25519}) when it loads, which takes about half the time of
 * Bouncy Castle's Java code, and through Bouncy Castle otherwise, or when the system property
 * {@code pbft.ed25519} is {@code bouncycastle} (to compare the two). Both give the same
 * signatures: Ed25519 is deterministic. Signatures are for what a replica must be able to show
 * to third parties (certificates); MACs are cheaper for the rest.
 */
public final class Ed25519 {
  public static final int PUBLIC_KEY_BYTES = Ed25519PublicKeyParameters.KEY_SIZE;
  public static final int PRIVATE_KEY_BYTES = Ed25519PrivateKeyParameters.KEY_SIZE;
  public static final int SIGNATURE_BYTES = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

  /** Signatures made and checked in this process, for the benchmark's per-request counts. */
  private static final LongAdder SIGNED = new LongAdder();
  private static final LongAdder VERIFIED = new LongAdder();

  /** libsodium, or null when Bouncy Castle does the work. */
  private static final SodiumEd25519 SODIUM = loadSodium();

  private Ed25519() {}

  private static SodiumEd25519 loadSodium() {
    if ("bouncycastle".equals(System.getProperty("pbft.ed25519"))) {
      return null;
    }
    try {
      return new SodiumEd25519();
    } catch (RuntimeException | LinkageError e) {
      System.err.println("pbft: libsodium did not load (" + e + "); Ed25519 runs on Bouncy "
          + "Castle's Java code, about twice as slow");
      return null;
    }
  }

  /** Which implementation signs and checks in this process: "libsodium" or "Bouncy Castle". */
  public static String implementation() {
    return SODIUM != null ? "libsodium" : "Bouncy Castle";
  }

  /** Signatures this process has made since it started. */
  public static long signed() {
    return SIGNED.sum();
  }

  /** Signatures this process has checked since it started. */
  public static long verified() {
    return VERIFIED.sum();
  }

  public static Ed25519PrivateKeyParameters generatePrivateKey(SecureRandom random) {
    return new Ed25519PrivateKeyParameters(random);
  }

  public static Ed25519PublicKeyParameters publicKeyOf(Ed25519PrivateKeyParameters privateKey) {
    return privateKey.generatePublicKey();
  }

  /** Rebuilds a private key from its 32-byte seed. */
  public static Ed25519PrivateKeyParameters privateKeyFromBytes(byte[] seed) {
    if (seed.length != PRIVATE_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 private key has " + PRIVATE_KEY_BYTES + " bytes, got " + seed.length);
    }
    return new Ed25519PrivateKeyParameters(seed, 0);
  }

  /** Decodes a public key; rejects byte strings that are not a point of the curve. */
  public static Ed25519PublicKeyParameters publicKeyFromBytes(byte[] encoded) {
    if (encoded.length != PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 public key has " + PUBLIC_KEY_BYTES + " bytes, got " + encoded.length);
    }
    return new Ed25519PublicKeyParameters(encoded, 0);
  }

  public static byte[] sign(Ed25519PrivateKeyParameters privateKey, byte[] data) {
    return sign(privateKey, data, 0, data.length);
  }

  /** The 64-byte signature of {@code data[offset, offset + length)}. */
  public static byte[] sign(
      Ed25519PrivateKeyParameters privateKey, byte[] data, int offset, int length) {
    SIGNED.increment();
    if (SODIUM != null) {
      return SODIUM.sign(privateKey.getEncoded(), privateKey.generatePublicKey().getEncoded(),
          data, offset, length);
    }
    return signWithBouncyCastle(privateKey, data, offset, length);
  }

  static byte[] signWithBouncyCastle(
      Ed25519PrivateKeyParameters privateKey, byte[] data, int offset, int length) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(data, offset, length);
    return signer.generateSignature();
  }

  public static boolean verify(
      Ed25519PublicKeyParameters publicKey, byte[] data, byte[] signature) {
    return verify(publicKey, data, 0, data.length, signature);
  }

  /** False (never an exception) for a signature of the wrong length or that does not verify. */
  public static boolean verify(
      Ed25519PublicKeyParameters publicKey, byte[] data, int offset, int length,
      byte[] signature) {
    if (signature.length != SIGNATURE_BYTES) {
      return false;
    }
    VERIFIED.increment();
    if (SODIUM != null) {
      return SODIUM.verify(publicKey.getEncoded(), data, offset, length, signature);
    }
    return verifyWithBouncyCastle(publicKey, data, offset, length, signature);
  }

  static boolean verifyWithBouncyCastle(Ed25519PublicKeyParameters publicKey, byte[] data,
      int offset, int length, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, publicKey);
    verifier.update(data, offset, length);
    return verifier.verifySignature(signature);
  }
}
