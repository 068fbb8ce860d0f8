package org.pbft.service;


/**
 * The result of a key-value operation: whether it took effect, and the value read (the previous
 * value for put, delete and a failed compare-and-set; null when absent).
 */
public record KvResult(Status status, String value) {

  /** OK: applied; FAILED: compare-and-set saw another value; MALFORMED: undecodable operation. */
  public enum Status { OK, FAILED, MALFORMED }

  public static KvResult ok(String value) {
    return new KvResult(Status.OK, value);
  }

  public byte[] encode() {
    return new KvCodec.Writer(6 + (value == null ? 0 : value.length())).u8(status.ordinal())
        .flag(value != null).string(value == null ? "" : value).toByteArray();
  }

  public static KvResult decode(byte[] bytes) {
    KvCodec.Reader in = new KvCodec.Reader(bytes);
    try {
      int status = in.u8();
      if (status >= Status.values().length) {
        throw new KvCodec.Malformed("status " + status);
      }
      boolean present = in.flag();
      String value = in.string();
      if (!in.atEnd()) {
        throw new KvCodec.Malformed("bytes after the value");
      }
      return new KvResult(Status.values()[status], present ? value : null);
    } catch (KvCodec.Malformed e) {
      throw new IllegalArgumentException("not a key-value result: " + e.getMessage(), e);
    }
  }
}
