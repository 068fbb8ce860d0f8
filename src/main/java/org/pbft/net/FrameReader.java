package org.pbft.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * Reads length-prefixed frames ({@link FrameStreams}) from a socket whose reads time out every
 * {@link #POLL_MILLIS}, with two deadlines a slow or silent peer cannot stretch: a connection
 * idle between frames for {@code idleMillis} is closed, and so is one that takes longer than
 * {@code 10 s + length / (1 MiB/s)} to deliver a frame it has started (a peer trickling bytes
 * would otherwise hold a reader thread and a frame-sized buffer for ever).
 */
final class FrameReader {
  static final int POLL_MILLIS = 500;
  static final long FRAME_BASE_MILLIS = 10_000;

  private final InputStream in;
  private final int maxFrameBytes;
  private final long idleNanos;
  private final long frameBaseNanos;
  private final byte[] header = new byte[4];

  FrameReader(InputStream in, int maxFrameBytes, long idleMillis) {
    this(in, maxFrameBytes, idleMillis, FRAME_BASE_MILLIS);
  }

  FrameReader(InputStream in, int maxFrameBytes, long idleMillis, long frameBaseMillis) {
    this.in = in;
    this.maxFrameBytes = maxFrameBytes;
    this.idleNanos = idleMillis * 1_000_000L;
    this.frameBaseNanos = frameBaseMillis * 1_000_000L;
  }

  /** The next frame, or null at a clean end of stream. */
  byte[] next() throws IOException {
    long idleSince = System.nanoTime();
    int got = 0;
    long frameDeadline = 0;
    while (got < 4) {
      int n = readSome(header, got, 4 - got);
      if (n == 0) {
        if (got == 0 && System.nanoTime() - idleSince > idleNanos) {
          throw new SlowPeerException("idle for " + idleNanos / 1_000_000 + " ms");
        }
        if (got > 0 && System.nanoTime() > frameDeadline) {
          throw new SlowPeerException("a frame header took too long");
        }
        continue;
      }
      if (n < 0) {
        if (got == 0) {
          return null;
        }
        throw new EOFException("end of stream inside a frame header");
      }
      if (got == 0) {
        frameDeadline = System.nanoTime() + frameBaseNanos;
      }
      got += n;
    }
    int length = FrameStreams.length(header, maxFrameBytes);
    frameDeadline += FrameStreams.transferNanos(length);
    byte[] frame = new byte[length];
    int read = 0;
    while (read < length) {
      int n = readSome(frame, read, length - read);
      if (n < 0) {
        throw new EOFException("end of stream inside a frame of " + length + " bytes");
      }
      if (n == 0 && System.nanoTime() > frameDeadline) {
        throw new SlowPeerException("a frame of " + length + " bytes took too long (" + read
            + " bytes arrived)");
      }
      read += n;
    }
    return frame;
  }

  /** Bytes read (0 if the read timed out, -1 at end of stream). */
  private int readSome(byte[] into, int at, int length) throws IOException {
    try {
      return in.read(into, at, length);
    } catch (SocketTimeoutException timeout) {
      return 0;
    }
  }

  /** A peer too slow or silent to keep a connection for. */
  static final class SlowPeerException extends IOException {
    SlowPeerException(String message) {
      super(message);
    }
  }
}
