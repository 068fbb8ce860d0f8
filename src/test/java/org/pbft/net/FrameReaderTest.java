package org.pbft.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** A silent or trickling peer loses its connection; a prompt one gets its frames through. */
class FrameReaderTest {

  /** Gives {@code bytes} one at a time, then times out on every read, as a socket would. */
  private static InputStream trickle(byte[] bytes) {
    return new InputStream() {
      private int at;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] into, int off, int len) throws IOException {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        if (at < bytes.length) {
          into[off] = bytes[at++];
          return 1;
        }
        throw new SocketTimeoutException("no byte this time");
      }
    };
  }

  private static byte[] framed(byte[] body) {
    byte[] out = new byte[4 + body.length];
    out[3] = (byte) body.length;
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  @Test
  void framesArriveEvenInSmallPieces() throws IOException {
    FrameReader r = new FrameReader(trickle(framed(new byte[] {1, 2, 3})), 64, 1_000, 1_000);
    assertArrayEquals(new byte[] {1, 2, 3}, r.next());
  }

  @Test
  void aCleanEndOfStreamEndsTheFrames() throws IOException {
    assertNull(new FrameReader(new ByteArrayInputStream(new byte[0]), 64, 1_000).next());
  }

  @Test
  void aPeerThatStopsInTheMiddleOfAFrameIsCut() {
    byte[] half = new byte[4 + 5];
    half[3] = 100; // announces 100 bytes, sends 5
    FrameReader r = new FrameReader(trickle(half), 1 << 10, 60_000, 200);
    IOException e = assertThrows(FrameReader.SlowPeerException.class, r::next);
    assertTrue(e.getMessage().contains("a frame of 100 bytes took too long (5 bytes arrived)"),
        e.getMessage());
  }

  @Test
  void aSilentPeerIsCutAfterTheIdleTime() {
    FrameReader r = new FrameReader(trickle(new byte[0]), 64, 100, 1_000);
    IOException e = assertThrows(FrameReader.SlowPeerException.class, r::next);
    assertTrue(e.getMessage().contains("idle"), e.getMessage());
  }
}
