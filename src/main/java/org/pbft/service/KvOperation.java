package org.pbft.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (this instanceof Put p) {
        out.writeByte(1);
        out.writeUTF(p.key());
        out.writeUTF(p.value());
      } else if (this instanceof Get g) {
        out.writeByte(2);
        out.writeUTF(g.key());
      } else if (this instanceof Delete d) {
        out.writeByte(3);
        out.writeUTF(d.key());
      } else if (this instanceof CompareAndSet c) {
        out.writeByte(4);
        out.writeUTF(c.key());
        out.writeBoolean(c.expected() != null);
        out.writeUTF(c.expected() == null ? "" : c.expected());
        out.writeUTF(c.value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** The operation encoded in {@code bytes}, or empty if they are not a well-formed one. */
  static Optional<KvOperation> decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int tag = in.readByte();
      KvOperation op = switch (tag) {
        case 1 -> new Put(in.readUTF(), in.readUTF());
        case 2 -> new Get(in.readUTF());
        case 3 -> new Delete(in.readUTF());
        case 4 -> {
          String key = in.readUTF();
          boolean present = in.readBoolean();
          String expected = in.readUTF();
          yield new CompareAndSet(key, present ? expected : null, in.readUTF());
        }
        default -> null;
      };
      return in.available() == 0 ? Optional.ofNullable(op) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
