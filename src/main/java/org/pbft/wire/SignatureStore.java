package org.pbft.wire;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.pbft.config.ClusterConfig;
import org.pbft.config.NodeKeys;
import org.pbft.core.message.Digest;
import org.pbft.crypto.Ed25519;

/**
 * The signatures a node can put on the wire: its own (made on demand) and others' it verified
 * (remembered by the SHA-256 of the canonical bytes they sign), so that it can forward others'
 * messages as evidence in certificates, VIEW-CHANGE and NEW-VIEW. Any valid signature of the
 * same canonical bytes will do, so which copy is remembered does not matter.
 */
final class SignatureStore {
  static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_BYTES;

  private final ClusterConfig config;
  private final NodeKeys keys;
  private final BoundedCache<byte[]> verified;
  private final AtomicLong missing = new AtomicLong();

  SignatureStore(ClusterConfig config, NodeKeys keys, int capacity) {
    this.config = config;
    this.keys = keys;
    this.verified = new BoundedCache<>(capacity);
  }

  /**
   * The signature to send for {@code part} of {@code frame}: signed here when this replica is
   * the signer, else a remembered one, else 64 zero bytes (counted) which receivers refuse. Not
   * an exception: a faulty replica process may build messages it cannot prove.
   */
  byte[] signatureFor(SignedPart part, byte[] frame) {
    Digest key = keyOf(part, frame);
    byte[] known = verified.get(key);
    if (known != null) {
      return known;
    }
    if (keys.id().isReplica() && part.signer() == keys.id().index()) {
      byte[] own = Ed25519.sign(keys.signingKey(), frame, part.start(), part.end() - part.start());
      verified.put(key, own);
      return own;
    }
    missing.incrementAndGet();
    return new byte[SIGNATURE_BYTES];
  }

  /** Refuses the frame unless the signature at {@code offset} is the signer's over the part. */
  void verify(SignedPart part, byte[] frame, int offset) throws WireException {
    byte[] signature = Arrays.copyOfRange(frame, offset, offset + SIGNATURE_BYTES);
    byte[] known = verified.get(keyOf(part, frame));
    if (known != null && Arrays.equals(known, signature)) {
      return; // verified before: skip the expensive check
    }
    Ed25519PublicKeyParameters signerKey = config.replicaPublicKey(part.signer());
    if (!Ed25519.verify(signerKey, frame, part.start(), part.end() - part.start(), signature)) {
      throw new WireException(DropReason.BAD_SIGNATURE,
          "the signature of " + part.describe() + " does not verify");
    }
  }

  /** Remembers a signature {@link #verify} accepted, once the whole frame is accepted. */
  void remember(SignedPart part, byte[] frame, int offset) {
    verified.put(keyOf(part, frame), Arrays.copyOfRange(frame, offset, offset + SIGNATURE_BYTES));
  }

  java.util.Map<Digest, byte[]> copy() {
    return verified.copy();
  }

  void restore(java.util.Map<Digest, byte[]> known) {
    verified.putAll(known);
  }

  long missing() {
    return missing.get();
  }

  int size() {
    return verified.size();
  }

  private static Digest keyOf(SignedPart part, byte[] frame) {
    return Digest.of(Arrays.copyOfRange(frame, part.start(), part.end()));
  }
}
