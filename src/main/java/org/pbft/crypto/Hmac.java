package org.pbft.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;

/**
 * HMAC-SHA256 with pairwise secret keys. A Bouncy Castle {@code HMac} holds running state, so
 * each call builds its own: callers on several threads share nothing.
 */
public final class Hmac {
  public static final int KEY_BYTES = 32;
  public static final int MAC_BYTES = 32;

  private Hmac() {}

  public static byte[] mac(byte[] key, byte[] data) {
    return mac(key, data, 0, data.length);
  }

  /** The MAC of {@code data[offset, offset + length)} under {@code key}. */
  public static byte[] mac(byte[] key, byte[] data, int offset, int length) {
    HMac hmac = new HMac(new SHA256Digest());
    hmac.init(new KeyParameter(key));
    hmac.update(data, offset, length);
    byte[] out = new byte[MAC_BYTES];
    hmac.doFinal(out, 0);
    return out;
  }

  /**
   * True when {@code expected[expectedOffset, +32)} is the MAC of the data. The comparison takes
   * the same time wherever the first difference is, so a forger learns nothing from timing.
   */
  public static boolean verify(
      byte[] key, byte[] data, int offset, int length, byte[] expected, int expectedOffset) {
    if (expectedOffset < 0 || expected.length - expectedOffset < MAC_BYTES) {
      return false;
    }
    return Arrays.constantTimeAreEqual(
        MAC_BYTES, mac(key, data, offset, length), 0, expected, expectedOffset);
  }
}
