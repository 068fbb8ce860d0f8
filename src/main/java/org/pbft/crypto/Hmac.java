package org.pbft.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.Arrays;

/**
 * HMAC-SHA256 with pairwise secret keys. The JDK's {@code Mac}, not Bouncy Castle's {@code
 * HMac}: HotSpot compiles the JDK's SHA-256 to the processor's SHA instructions, which made the
 * link MAC over a 64-request PRE-PREPARE several times cheaper (measured with
 * {@code bench/microbench Hmac} and {@code ./pbft bench}); Bouncy Castle's SHA-256 is plain Java.
 * A {@code Mac} holds running state, so each thread has its own (one per key).
 */
public final class Hmac {
  public static final int KEY_BYTES = 32;
  public static final int MAC_BYTES = 32;

  /** MACs computed in this process (made or checked), for the benchmark's per-request counts. */
  private static final LongAdder COMPUTED = new LongAdder();

  private Hmac() {}

  /** MACs this process has computed since it started, to send or to check. */
  public static long computed() {
    return COMPUTED.sum();
  }

  public static byte[] mac(byte[] key, byte[] data) {
    return mac(key, data, 0, data.length);
  }

  /** The MAC of {@code data[offset, offset + length)} under {@code key}. */
  public static byte[] mac(byte[] key, byte[] data, int offset, int length) {
    COMPUTED.increment();
    Mac mac = macFor(key);
    try {
      mac.update(data, offset, length);
      return mac.doFinal(); // and the Mac is back to its state right after init, with this key
    } catch (RuntimeException e) {
      mac.reset(); // nothing half-hashed stays in the cached Mac for the next call
      throw e;
    }
  }

  private static final String ALGORITHM = "HmacSHA256";
  /** More keys than a process has peers (n + clients); beyond it a thread starts afresh. */
  private static final int KEYS_PER_THREAD = 4096;

  /**
   * Each thread keeps one {@code Mac} per key, initialized once: {@code init} pads the key and
   * hashes its first block, work that took a good part of a short frame's MAC when it was done
   * for every frame. The keys are the pairwise keys of this process's peers, a bounded set.
   */
  private static final ThreadLocal<Map<ByteBuffer, Mac>> PER_THREAD =
      ThreadLocal.withInitial(HashMap::new);

  private static Mac macFor(byte[] key) {
    Map<ByteBuffer, Mac> macs = PER_THREAD.get();
    Mac mac = macs.get(ByteBuffer.wrap(key));
    if (mac != null) {
      return mac;
    }
    if (macs.size() >= KEYS_PER_THREAD) {
      macs.clear();
    }
    try {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("not an HMAC key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides " + ALGORITHM, e);
    }
    macs.put(ByteBuffer.wrap(key.clone()), mac);
    return mac;
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
