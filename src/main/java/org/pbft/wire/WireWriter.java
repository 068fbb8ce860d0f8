package org.pbft.wire;

import java.util.Arrays;

/** A growable big-endian byte buffer: the encoder's output. */
final class WireWriter {
  /** The largest buffer a thread keeps between frames; beyond it, a state snapshot's, it goes. */
  private static final int KEPT_AT_MOST = 1 << 20;
  private static final ThreadLocal<WireWriter> PER_THREAD = ThreadLocal.withInitial(WireWriter::new);

  private byte[] buffer;
  private int size;

  WireWriter() {
    this(new byte[512]);
  }

  /** Writes into {@code buffer} from its start (growing into a new one if it must). */
  WireWriter(byte[] buffer) {
    this.buffer = buffer;
  }

  /**
   * This thread's writer, empty: its buffer stays as large as the thread's frames have needed
   * (up to {@link #KEPT_AT_MOST}), so that sealing a frame allocates the frame and nothing to
   * grow into. Not for nested use: one frame at a time per thread.
   */
  static WireWriter forThisThread() {
    WireWriter w = PER_THREAD.get();
    if (w.buffer.length > KEPT_AT_MOST) {
      w.buffer = new byte[512];
    }
    w.size = 0;
    return w;
  }

  int position() {
    return size;
  }

  /** The bytes written so far live in {@code [0, position())}; valid until the next write. */
  byte[] array() {
    return buffer;
  }

  void u8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
  }

  /** A boolean as one byte, 0 or 1. */
  void flag(boolean value) {
    u8(value ? 1 : 0);
  }

  void i32(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  void i64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  void bytes(byte[] value) {
    bytes(value, 0, value.length);
  }

  void bytes(byte[] value, int offset, int length) {
    ensure(length);
    System.arraycopy(value, offset, buffer, size, length);
    size += length;
  }

  /** An i32 length, then the bytes. */
  void lengthPrefixed(byte[] value) {
    i32(value.length);
    bytes(value);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int more) {
    if (buffer.length - size < more) {
      long wanted = Math.max((long) buffer.length * 2, (long) size + more);
      buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
    }
  }
}
