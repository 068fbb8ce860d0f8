package org.pbft.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key-value service's byte formats (operations, results, snapshots): bytes, booleans, i32
 * and strings as an i32 length and their UTF-8 bytes. Not {@code DataOutputStream.writeUTF}:
 * that caps a string at 65,535 bytes (a larger value failed to encode) and allocated a stream,
 * a buffer and a char array for every string a replica decoded.
 */
final class KvCodec {
  private KvCodec() {}

  /** A growable output buffer. */
  static final class Writer {
    private byte[] buffer;
    private int size;

    Writer(int expectedBytes) {
      buffer = new byte[Math.max(16, expectedBytes)];
    }

    Writer u8(int value) {
      ensure(1);
      buffer[size++] = (byte) value;
      return this;
    }

    Writer flag(boolean value) {
      return u8(value ? 1 : 0);
    }

    Writer i32(int value) {
      ensure(4);
      for (int shift = 24; shift >= 0; shift -= 8) {
        buffer[size++] = (byte) (value >>> shift);
      }
      return this;
    }

    Writer string(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      i32(utf8.length);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, buffer, size, utf8.length);
      size += utf8.length;
      return this;
    }

    byte[] toByteArray() {
      return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
      if (buffer.length - size < more) {
        long wanted = Math.max((long) buffer.length * 2, (long) size + more);
        if (wanted > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("a key-value encoding of more than 2 GiB");
        }
        buffer = Arrays.copyOf(buffer, (int) wanted);
      }
    }
  }

  /** Thrown for bytes that are not what the reader expects: short, or a length out of range. */
  static final class Malformed extends Exception {
    Malformed(String what) {
      super(what);
    }
  }

  /** Reads what a {@link Writer} wrote, bounds-checked. */
  static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int u8() throws Malformed {
      need(1);
      return bytes[at++] & 0xff;
    }

    boolean flag() throws Malformed {
      int b = u8();
      if (b > 1) {
        throw new Malformed("a flag byte " + b);
      }
      return b == 1;
    }

    int i32() throws Malformed {
      need(4);
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | (bytes[at++] & 0xff);
      }
      return v;
    }

    String string() throws Malformed {
      int length = i32();
      if (length < 0) {
        throw new Malformed("a string of negative length " + length);
      }
      need(length);
      String s = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return s;
    }

    boolean atEnd() {
      return at == bytes.length;
    }

    private void need(int n) throws Malformed {
      if (bytes.length - at < n) {
        throw new Malformed("ends " + (n - (bytes.length - at)) + " bytes early");
      }
    }
  }
}
