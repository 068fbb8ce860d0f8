package org.pbft.service;

import java.util.Optional;

/** An operation on the key-value store, and its byte encoding (the request's operation). */
public sealed interface KvOperation {

  String key();

  /** Sets {@code key} to {@code value}. */
  record Put(String key, String value) implements KvOperation {}

  /** Reads {@code key}. */
  record Get(String key) implements KvOperation {}

  /** Removes {@code key}. */
  record Delete(String key) implements KvOperation {}

  /** Sets {@code key} to {@code value} only if it holds {@code expected} (null: absent). */
  record CompareAndSet(String key, String expected, String value) implements KvOperation {}

  default byte[] encode() {
    if (this instanceof Put p) {
      return new KvCodec.Writer(9 + p.key().length() + p.value().length())
          .u8(1).string(p.key()).string(p.value()).toByteArray();
    } else if (this instanceof Get g) {
      return new KvCodec.Writer(5 + g.key().length()).u8(2).string(g.key()).toByteArray();
    } else if (this instanceof Delete d) {
      return new KvCodec.Writer(5 + d.key().length()).u8(3).string(d.key()).toByteArray();
    }
    CompareAndSet c = (CompareAndSet) this;
    return new KvCodec.Writer(64).u8(4).string(c.key()).flag(c.expected() != null)
        .string(c.expected() == null ? "" : c.expected()).string(c.value()).toByteArray();
  }

  /** The operation encoded in {@code bytes}, or empty if they are not a well-formed one. */
  static Optional<KvOperation> decode(byte[] bytes) {
    KvCodec.Reader in = new KvCodec.Reader(bytes);
    try {
      KvOperation op = switch (in.u8()) {
        case 1 -> new Put(in.string(), in.string());
        case 2 -> new Get(in.string());
        case 3 -> new Delete(in.string());
        case 4 -> {
          String key = in.string();
          boolean present = in.flag();
          String expected = in.string();
          yield new CompareAndSet(key, present ? expected : null, in.string());
        }
        default -> null;
      };
      return in.atEnd() ? Optional.ofNullable(op) : Optional.empty();
    } catch (KvCodec.Malformed e) {
      return Optional.empty();
    }
  }
}
