package org.pbft.net;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Frames on a byte stream: a 4-byte big-endian length, then that many bytes. A length outside
 * 1..max closes the connection (the peer is broken or hostile; resynchronising is not possible).
 */
final class FrameStreams {
  private FrameStreams() {}

  /** The length prefix of {@code frame}, to write before it. */
  static ByteBuffer header(byte[] frame) {
    return ByteBuffer.allocate(4).putInt(0, frame.length);
  }

  /** The length {@code header} (4 bytes) announces; refused outside 1..{@code maxFrameBytes}. */
  static int length(byte[] header, int maxFrameBytes) throws FrameLengthException {
    int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16)
        | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
    if (length < 1 || length > maxFrameBytes) {
      throw new FrameLengthException(length, maxFrameBytes);
    }
    return length;
  }

  /**
   * What a reader allows a frame of {@code length} bytes beyond the base time once its header
   * has begun: 1 s per MiB.
   */
  static long transferNanos(int length) {
    return length * (1_000_000_000L / (1 << 20));
  }

  /** A length prefix out of bounds: the stream cannot be trusted any further. */
  static final class FrameLengthException extends IOException {
    FrameLengthException(int length, int max) {
      super("frame length " + length + " outside 1.." + max);
    }
  }
}
