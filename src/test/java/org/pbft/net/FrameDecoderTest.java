package org.pbft.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private static final long MS = 1_000_000L;

  /** Frames of 1 to 40 bytes, each filled with its own number, one after the other. */
  private static byte[] stream(int frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i <= frames; i++) {
      byte[] frame = new byte[i];
      java.util.Arrays.fill(frame, (byte) i);
      out.writeBytes(FrameStreams.header(frame).array());
      out.writeBytes(frame);
    }
    return out.toByteArray();
  }

  @Test
  void framesComeOutWholeAndInOrderHoweverTheBytesAreCut() throws Exception {
    byte[] bytes = stream(40);
    for (int cut = 1; cut <= 64; cut++) {
      FrameDecoder d = new FrameDecoder(1 << 10, 1_000, 1_000, 0);
      List<byte[]> out = new ArrayList<>();
      for (int at = 0; at < bytes.length; at += cut) {
        d.feed(ByteBuffer.wrap(bytes, at, Math.min(cut, bytes.length - at)), 0, out::add);
      }
      assertEquals(40, out.size(), "reads of " + cut + " bytes");
      for (int i = 1; i <= 40; i++) {
        byte[] expected = new byte[i];
        java.util.Arrays.fill(expected, (byte) i);
        assertArrayEquals(expected, out.get(i - 1), "frame " + i + ", reads of " + cut);
      }
    }
  }

  @Test
  void aLengthOutOfBoundsIsRefused() {
    FrameDecoder d = new FrameDecoder(16, 1_000, 1_000, 0);
    assertThrows(FrameStreams.FrameLengthException.class,
        () -> d.feed(ByteBuffer.wrap(new byte[] {0, 0, 0, 17}), 0, f -> { }));
    FrameDecoder zero = new FrameDecoder(16, 1_000, 1_000, 0);
    assertThrows(FrameStreams.FrameLengthException.class,
        () -> zero.feed(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}), 0, f -> { }));
  }

  @Test
  void anIdleConnectionIsOverdueOnlyAfterTheIdleTime() throws Exception {
    FrameDecoder d = new FrameDecoder(1 << 10, 100, 1_000, 0);
    assertNull(d.overdue(100 * MS));
    assertTrue(d.overdue(101 * MS).startsWith("idle"));
    d.feed(ByteBuffer.wrap(stream(1)), 50 * MS, f -> { }); // a frame resets the idle time
    assertNull(d.overdue(150 * MS));
    assertTrue(d.overdue(151 * MS).startsWith("idle"));
  }

  @Test
  void aFrameBegunButNotFinishedIsOverdueAfterItsDeadline() throws Exception {
    FrameDecoder d = new FrameDecoder(1 << 20, 100_000, 1_000, 0);
    d.feed(ByteBuffer.wrap(new byte[] {0, 0}), 0, f -> { });
    assertNull(d.overdue(1_000 * MS));
    assertEquals("a frame header took too long", d.overdue(1_001 * MS));
    FrameDecoder body = new FrameDecoder(1 << 20, 100_000, 1_000, 0);
    // 1 MiB: the base deadline plus one second at 1 MiB/s
    body.feed(ByteBuffer.wrap(new byte[] {0, 0x10, 0, 0, 7}), 0, f -> { });
    assertNull(body.overdue(1_999 * MS));
    assertTrue(body.overdue(2_001 * MS).contains("(1 bytes arrived)"), body.overdue(2_001 * MS));
  }
}
