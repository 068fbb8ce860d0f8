package org.pbft.wire;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.pbft.config.ClusterConfig;
import org.pbft.config.NodeKeys;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.crypto.Ed25519;

/**
 * The signatures a node can put on the wire: its own (made on demand) and others' that it
 * verified on messages its core accepted (remembered by the SHA-256 of the canonical bytes they
 * sign), so that it can forward others' messages as evidence in certificates, VIEW-CHANGE and
 * NEW-VIEW. Any valid signature of the same canonical bytes will do, so which copy is remembered
 * does not matter.
 *
 * <p>Nothing is evicted to make room: a signature is remembered only for a message the core
 * accepted ({@link Evidence}), and forgotten when the core's log no longer needs it (the low
 * watermark passed it, or the view did: {@link Evidence.Retention}). What it holds is therefore
 * bounded by what the core holds (the watermark window, the views ahead, one message per sender
 * and slot), and a peer cannot push out the evidence a correct replica must show later.
 */
final class SignatureStore {
  static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_BYTES;

  /** A remembered signature and when it becomes garbage. */
  public record Known(byte[] signature, Evidence.Retention retention) {}

  private final ClusterConfig config;
  private final NodeKeys keys;
  private final Map<Digest, Known> known = new ConcurrentHashMap<>();
  private final AtomicLong missing = new AtomicLong();
  private final AtomicLong collected = new AtomicLong();

  SignatureStore(ClusterConfig config, NodeKeys keys) {
    this.config = config;
    this.keys = keys;
  }

  /**
   * The signature to send for {@code part} of {@code frame}, whose message is {@code top}:
   * signed here when this replica is the signer, else a remembered one, else 64 zero bytes
   * (counted) which receivers refuse. Not an exception: a faulty replica process may build
   * messages it cannot prove.
   */
  byte[] signatureFor(SignedPart part, byte[] frame, Message top) {
    Digest key = keyOf(part, frame);
    Known k = known.get(key);
    if (k != null) {
      if (part.message() != top) {
        // Shown inside this node's VIEW-CHANGE or NEW-VIEW, which it sends again while its
        // view lasts (status exchange): kept that long, even if the watermark passes it meanwhile
        // (a replica that catches up by state transfer while it waits for a NEW-VIEW).
        remember(key, k.signature(), Evidence.Retention.of(part.message(), top));
      }
      return k.signature();
    }
    if (keys.id().isReplica() && part.signer() == keys.id().index()) {
      byte[] own = Ed25519.sign(keys.signingKey(), frame, part.start(), part.end() - part.start());
      remember(key, own, Evidence.Retention.of(part.message(), top));
      return own;
    }
    missing.incrementAndGet();
    return new byte[SIGNATURE_BYTES];
  }

  /**
   * Refuses the frame unless the signature at {@code offset} is the signer's over the part;
   * returns the signature with its key, to be kept if the core accepts the message.
   */
  Evidence.Item verify(SignedPart part, byte[] frame, int offset, Message top, boolean check)
      throws WireException {
    Digest key = keyOf(part, frame);
    byte[] signature = Arrays.copyOfRange(frame, offset, offset + SIGNATURE_BYTES);
    Known k = known.get(key);
    boolean verifiedBefore = k != null && Arrays.equals(k.signature(), signature);
    if (check && !verifiedBefore) {
      Ed25519PublicKeyParameters signerKey = config.replicaPublicKey(part.signer());
      if (!Ed25519.verify(signerKey, frame, part.start(), part.end() - part.start(), signature)) {
        throw new WireException(DropReason.BAD_SIGNATURE,
            "the signature of " + part.describe() + " does not verify");
      }
    }
    return new Evidence.Item(key, signature, Evidence.Retention.of(part.message(), top));
  }

  /** Remembers the signatures of a message the core accepted. */
  void keep(Evidence evidence) {
    for (Evidence.Item item : evidence.items()) {
      remember(item.key(), item.signature(), item.retention());
    }
  }

  private void remember(Digest key, byte[] signature, Evidence.Retention retention) {
    known.merge(key, new Known(signature, retention),
        (old, added) -> new Known(old.signature(), old.retention().longest(retention)));
  }

  /** Forgets what a replica with low watermark {@code h} in {@code view} no longer needs. */
  void collectGarbage(long h, long view) {
    int before = known.size();
    known.values().removeIf(k -> k.retention().isGarbage(h, view));
    collected.addAndGet(Math.max(0, before - known.size()));
  }

  Map<Digest, Known> copy() {
    return new HashMap<>(known);
  }

  void restore(Map<Digest, Known> more) {
    known.putAll(more);
  }

  long missing() {
    return missing.get();
  }

  long collected() {
    return collected.get();
  }

  int size() {
    return known.size();
  }

  private static Digest keyOf(SignedPart part, byte[] frame) {
    return Digest.of(frame, part.start(), part.end() - part.start());
  }
}
