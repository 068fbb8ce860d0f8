package org.pbft.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.pbft.core.message.Message;
import org.pbft.crypto.Hmac;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;

/**
 * What a Byzantine replica does to its own frames on the real wire, besides what its strategy
 * says: some frames it cuts short, some it inflates past the frame limit, some it tampers with
 * under a valid link MAC (a signed message then carries a signature that is not its signer's over
 * these bytes), some are old frames of its own sent again, and some claim an older incarnation of
 * its process. Each must be refused by the receiver's channel before its core sees it.
 */
final class WireAttacks {
  /** The share of the Byzantine replica's frames attacked. */
  static final double RATE = 0.25;

  enum Kind { TRUNCATE, OVERSIZE, TAMPER, REPLAY, OLD_INCARNATION }

  /** One frame over the limit, shared: its contents do not matter, its size does. */
  private static final byte[] OVERSIZED = new byte[Limits.defaults().maxFrameBytes() + 1];

  private final SimWire wire;
  private final SplittableRandom random;
  /** By receiver: an earlier frame to it, to replay. */
  private final Map<Integer, byte[]> earlier = new HashMap<>();

  WireAttacks(SimWire wire, SplittableRandom random) {
    this.wire = wire;
    this.random = random;
  }

  /** The frame the Byzantine replica {@code from} puts on the wire to {@code to} for {@code m}. */
  byte[] frame(int from, int to, Message m) {
    byte[] honest = wire.seal(from, to, m);
    if (random.nextDouble() >= RATE) {
      earlier.putIfAbsent(to, honest);
      return honest;
    }
    return switch (Kind.values()[random.nextInt(Kind.values().length)]) {
      case TRUNCATE -> Arrays.copyOf(honest, random.nextInt(honest.length));
      case OVERSIZE -> OVERSIZED;
      case TAMPER -> tamper(from, to, honest);
      case REPLAY -> earlier.getOrDefault(to, honest);
      case OLD_INCARNATION -> wire.seal(from, to, SimWire.INCARNATION - 1, m);
    };
  }

  /** One byte of the body changed, and the link MAC computed again over the result. */
  private byte[] tamper(int from, int to, byte[] honest) {
    byte[] out = honest.clone();
    int body = out.length - Hmac.MAC_BYTES;
    int at = body / 2 + random.nextInt(Math.max(1, body / 2));
    out[at] ^= (byte) (1 + random.nextInt(255));
    return SecureChannel.remac(out, wire.linkKey(from, to));
  }
}
