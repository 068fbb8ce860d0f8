package org.pbft.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Length-prefixed frames ({@link FrameStreams}) cut out of whatever bytes a non-blocking read
 * brought, for a connection served by an {@link IoLoop}: a frame may arrive over many reads, and
 * one read may bring many frames. Keeps {@link FrameReader}'s two deadlines, which the loop asks
 * about with {@link #overdue}: idle between frames for longer than {@code idleNanos}, or slower
 * than {@code 10 s + length / (1 MiB/s)} to deliver a frame it has started.
 */
final class FrameDecoder {
  private final int maxFrameBytes;
  private final long idleNanos;
  private final long frameBaseNanos;
  private final byte[] header = new byte[4];
  private int headerGot;
  /** The frame being filled, or null between frames. */
  private byte[] frame;
  private int frameGot;
  /** When the last frame ended (or the connection opened). */
  private long idleSince;
  /** When the frame begun must be complete; meaningful while one is begun. */
  private long frameDeadline;

  FrameDecoder(int maxFrameBytes, long idleMillis, long frameBaseMillis, long now) {
    this.maxFrameBytes = maxFrameBytes;
    this.idleNanos = idleMillis * 1_000_000L;
    this.frameBaseNanos = frameBaseMillis * 1_000_000L;
    this.idleSince = now;
  }

  /**
   * Consumes {@code bytes} (read at {@code now}), handing each frame they complete to
   * {@code onFrame}; throws when a length is out of bounds (the stream cannot be trusted after).
   */
  void feed(ByteBuffer bytes, long now, Consumer<byte[]> onFrame) throws IOException {
    while (bytes.hasRemaining()) {
      if (frame == null) {
        if (headerGot == 0) {
          frameDeadline = now + frameBaseNanos;
        }
        header[headerGot++] = bytes.get();
        if (headerGot < 4) {
          continue;
        }
        headerGot = 0;
        int length = FrameStreams.length(header, maxFrameBytes);
        frameDeadline += FrameStreams.transferNanos(length);
        frame = new byte[length];
        frameGot = 0;
      }
      int take = Math.min(bytes.remaining(), frame.length - frameGot);
      bytes.get(frame, frameGot, take);
      frameGot += take;
      if (frameGot == frame.length) {
        byte[] done = frame;
        frame = null;
        idleSince = now;
        onFrame.accept(done);
      }
    }
  }

  /**
   * The receiver did not read for {@code nanos} (its sink was full): that time is not counted
   * against the peer's deadlines.
   */
  void waited(long nanos) {
    idleSince += nanos;
    frameDeadline += nanos;
  }

  /** Why the peer is too slow or silent at {@code now} to keep the connection, or null. */
  String overdue(long now) {
    boolean begun = frame != null || headerGot > 0;
    if (!begun && now - idleSince > idleNanos) {
      return "idle for " + idleNanos / 1_000_000 + " ms";
    }
    if (begun && now > frameDeadline) {
      return frame == null ? "a frame header took too long"
          : "a frame of " + frame.length + " bytes took too long (" + frameGot
              + " bytes arrived)";
    }
    return null;
  }
}
