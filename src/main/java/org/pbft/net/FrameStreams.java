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

  /** A length prefix out of bounds: the stream cannot be trusted any further. */
  static final class FrameLengthException extends IOException {
    FrameLengthException(int length, int max) {
      super("frame length " + length + " outside 1.." + max);
    }
  }
}
