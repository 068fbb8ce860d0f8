package org.pbft.wire;

import java.util.Arrays;

/**
 * A strict big-endian reader over {@code [start, end)} of a frame. Every length and count is
 * checked against its limit and against the bytes left before anything is allocated; every
 * failure is a {@link WireException} naming the field.
 */
final class WireReader {
  private final byte[] buffer;
  private final int end;
  private int position;

  WireReader(byte[] buffer, int start, int end) {
    this.buffer = buffer;
    this.position = start;
    this.end = end;
  }

  int position() {
    return position;
  }

  int remaining() {
    return end - position;
  }

  byte[] buffer() {
    return buffer;
  }

  int u8(String field) throws WireException {
    need(1, field);
    return buffer[position++] & 0xff;
  }

  int i32(String field) throws WireException {
    need(4, field);
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (buffer[position++] & 0xff);
    }
    return value;
  }

  long i64(String field) throws WireException {
    need(8, field);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (buffer[position++] & 0xff);
    }
    return value;
  }

  /** A boolean: exactly 0 or 1, so that each message has one encoding. */
  boolean flag(String field) throws WireException {
    int value = u8(field);
    if (value > 1) {
      throw new WireException(DropReason.MALFORMED, field + " is " + value + ", not 0 or 1");
    }
    return value == 1;
  }

  /** A view or sequence number: never negative. */
  long nonNegative(String field) throws WireException {
    long value = i64(field);
    if (value < 0) {
      throw new WireException(DropReason.MALFORMED, field + " is negative: " + value);
    }
    return value;
  }

  /** An i32 id in {@code [0, bound)}. */
  int index(String field, int bound) throws WireException {
    int value = i32(field);
    if (value < 0 || value >= bound) {
      throw new WireException(
          DropReason.MALFORMED, field + " = " + value + " is outside [0, " + bound + ")");
    }
    return value;
  }

  /** An i64 id in {@code [0, bound)}. */
  long longIndex(String field, int bound) throws WireException {
    long value = i64(field);
    if (value < 0 || value >= bound) {
      throw new WireException(
          DropReason.MALFORMED, field + " = " + value + " is outside [0, " + bound + ")");
    }
    return value;
  }

  /**
   * An element count at most {@code max}, whose elements (each at least {@code minElementBytes})
   * fit in what is left of the frame.
   */
  int count(String field, int max, int minElementBytes) throws WireException {
    int count = i32(field);
    if (count < 0) {
      throw new WireException(DropReason.MALFORMED, field + " is negative: " + count);
    }
    if (count > max) {
      throw new WireException(
          DropReason.OVERSIZED, field + " = " + count + " exceeds the limit " + max);
    }
    if ((long) count * minElementBytes > remaining()) {
      throw new WireException(DropReason.TRUNCATED, field + " = " + count + " elements of at least "
          + minElementBytes + " bytes do not fit in the " + remaining() + " bytes left");
    }
    return count;
  }

  /** An i32 length at most {@code max}, then that many bytes. */
  byte[] lengthPrefixed(String field, int max) throws WireException {
    int length = i32(field + " length");
    if (length < 0) {
      throw new WireException(DropReason.MALFORMED, field + " length is negative: " + length);
    }
    if (length > max) {
      throw new WireException(DropReason.OVERSIZED,
          field + " length " + length + " exceeds the limit " + max);
    }
    return bytes(field, length);
  }

  byte[] bytes(String field, int length) throws WireException {
    need(length, field);
    byte[] value = Arrays.copyOfRange(buffer, position, position + length);
    position += length;
    return value;
  }

  void skip(String field, long length) throws WireException {
    if (length > remaining()) {
      throw new WireException(DropReason.TRUNCATED, field + " needs " + length
          + " bytes, " + remaining() + " left");
    }
    position += (int) length;
  }

  void expectEnd(String what) throws WireException {
    if (position != end) {
      throw new WireException(
          DropReason.MALFORMED, remaining() + " trailing bytes after " + what);
    }
  }

  private void need(int length, String field) throws WireException {
    if (length > remaining()) {
      throw new WireException(DropReason.TRUNCATED, field + " needs " + length
          + " bytes, " + remaining() + " left");
    }
  }
}
