package org.pbft.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(status.ordinal());
      out.writeBoolean(value != null);
      out.writeUTF(value == null ? "" : value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  public static KvResult decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      Status status = Status.values()[in.readByte()];
      boolean present = in.readBoolean();
      String value = in.readUTF();
      return new KvResult(status, present ? value : null);
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a key-value result", e);
    }
  }
}
