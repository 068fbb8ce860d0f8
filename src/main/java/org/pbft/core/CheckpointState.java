package org.pbft.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.pbft.service.Service;

/**
 * The state a checkpoint certifies and state transfer ships: the service snapshot and the client
 * table (without the table, a replica that fetched state would execute old requests again).
 */
final class CheckpointState {
  private CheckpointState() {}

  static byte[] capture(Service service, ClientTable clients) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      byte[] snapshot = service.snapshot();
      out.writeInt(snapshot.length);
      out.write(snapshot);
      clients.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** Installs {@code state}; the caller has checked its digest against a certified checkpoint. */
  static void restore(byte[] state, Service service, ClientTable clients) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      byte[] snapshot = in.readNBytes(in.readInt());
      clients.readReplacing(in);
      service.restore(snapshot);
    } catch (IOException e) {
      throw new IllegalArgumentException("a certified state must decode", e);
    }
  }
}
