package org.pbft.wire;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.pbft.config.NodeId;
import org.pbft.config.NodeKeys;
import org.pbft.core.message.Digest;
import org.pbft.crypto.Authenticator;

/**
 * Client request authenticators: a client computes one per request it sends; a replica checks
 * its own entry and remembers the whole authenticator, so that as primary it can pass it on in
 * a PRE-PREPARE and every backup can check its entry. Remembered by the SHA-256 of the request's
 * canonical bytes.
 */
final class RequestAuthenticators {
  private final NodeKeys keys;
  private final int n;
  private final BoundedCache<Authenticator> known;
  private final AtomicLong missing = new AtomicLong();

  RequestAuthenticators(NodeKeys keys, int n, int capacity) {
    this.keys = keys;
    this.n = n;
    this.known = new BoundedCache<>(capacity);
  }

  int bytesEach() {
    return n * Authenticator.ENTRY_BYTES;
  }

  /**
   * The authenticator to send with a request: computed when this node is a client, else the
   * one remembered, else all zeros (counted).
   */
  Authenticator authenticatorFor(RequestPart part, byte[] frame) {
    int length = part.end() - part.start();
    if (keys.id().isClient()) {
      return Authenticator.compute(frame, part.start(), length, n,
          r -> keys.macKey(NodeId.replica(r)));
    }
    Authenticator remembered = known.get(keyOf(part, frame));
    if (remembered != null) {
      return remembered;
    }
    missing.incrementAndGet();
    return Authenticator.missing(n);
  }

  /**
   * Refuses the frame unless this replica's entry of the authenticator at {@code offset}
   * verifies.
   */
  void check(RequestPart part, byte[] frame, int offset, String where) throws WireException {
    int me = keys.id().index();
    Authenticator received = authenticatorAt(frame, offset);
    byte[] clientKey = keys.macKey(NodeId.client((int) part.request().clientId()));
    if (!received.verifyEntry(me, clientKey, frame, part.start(), part.end() - part.start())) {
      throw new WireException(DropReason.BAD_REQUEST_AUTHENTICATOR, "entry of "
          + keys.id() + " in the authenticator of " + part.request() + " (" + where
          + ") does not verify");
    }
  }

  /**
   * Remembers an accepted authenticator. One the client sent directly replaces what a primary
   * relayed: a faulty primary can spoil the entries of other replicas, the client cannot be
   * made to.
   */
  java.util.Map<Digest, Authenticator> copy() {
    return known.copy();
  }

  void restore(java.util.Map<Digest, Authenticator> more) {
    known.putAll(more);
  }

  void remember(RequestPart part, byte[] frame, int offset, boolean fromClient) {
    Authenticator received = authenticatorAt(frame, offset);
    if (fromClient) {
      known.put(keyOf(part, frame), received);
    } else {
      known.putIfAbsent(keyOf(part, frame), received);
    }
  }

  long missing() {
    return missing.get();
  }

  private Authenticator authenticatorAt(byte[] frame, int offset) {
    return Authenticator.fromBytes(Arrays.copyOfRange(frame, offset, offset + bytesEach()));
  }

  private static Digest keyOf(RequestPart part, byte[] frame) {
    return Digest.of(frame, part.start(), part.end() - part.start());
  }
}
