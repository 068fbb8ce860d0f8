package org.pbft.net;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Frames on a byte stream: a 4-byte big-endian length, then that many bytes. A length outside
 * 1..max closes the connection (the peer is broken or hostile; resynchronising is not possible).
 */
final class FrameStreams {
  private FrameStreams() {}

  static void write(DataOutputStream out, byte[] frame) throws IOException {
    out.writeInt(frame.length);
    out.write(frame);
  }

  /** A length prefix out of bounds: the stream cannot be trusted any further. */
  static final class FrameLengthException extends IOException {
    FrameLengthException(int length, int max) {
      super("frame length " + length + " outside 1.." + max);
    }
  }
}
