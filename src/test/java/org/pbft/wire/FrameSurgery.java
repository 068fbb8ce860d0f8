package org.pbft.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.pbft.crypto.Hmac;

/**
 * Edits of sealed frames for tests. {@link SecureChannel#remac} then recomputes the link MAC,
 * so that a test reaches the checks behind it: what a faulty peer that holds the link key can
 * send.
 */
final class FrameSurgery {
  /** Where the message's type byte is: right after the header. */
  static final int MESSAGE_AT = FrameHeader.LENGTH;

  private FrameSurgery() {}

  static byte[] withByte(byte[] frame, int offset, int value) {
    byte[] copy = frame.clone();
    copy[offset] = (byte) value;
    return copy;
  }

  static byte[] withInt(byte[] frame, int offset, int value) {
    byte[] copy = frame.clone();
    ByteBuffer.wrap(copy).putInt(offset, value);
    return copy;
  }

  static byte[] withLong(byte[] frame, int offset, long value) {
    byte[] copy = frame.clone();
    ByteBuffer.wrap(copy).putLong(offset, value);
    return copy;
  }

  /** Inserts bytes just before the MAC (whose value is then stale). */
  static byte[] insertBeforeMac(byte[] frame, byte[] extra) {
    int macAt = frame.length - Hmac.MAC_BYTES;
    byte[] out = Arrays.copyOf(frame, frame.length + extra.length);
    System.arraycopy(extra, 0, out, macAt, extra.length);
    System.arraycopy(frame, macAt, out, macAt + extra.length, Hmac.MAC_BYTES);
    return out;
  }

  /** Drops {@code count} bytes just before the MAC (whose value is then stale). */
  static byte[] cutBeforeMac(byte[] frame, int count) {
    int macAt = frame.length - Hmac.MAC_BYTES;
    byte[] out = new byte[frame.length - count];
    System.arraycopy(frame, 0, out, 0, macAt - count);
    System.arraycopy(frame, macAt, out, macAt - count, Hmac.MAC_BYTES);
    return out;
  }
}
