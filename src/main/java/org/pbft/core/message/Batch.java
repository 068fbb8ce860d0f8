package org.pbft.core.message;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The digest of a batch of requests, over a canonical encoding. The empty batch is the null
 * request that NEW-VIEW puts in gaps (PBFT.tla!Null). The read-only flag is covered: a batch that
 * holds a read-only request is not the batch of the same requests marked read-write.
 */
public final class Batch {
  private Batch() {}

  public static Digest digest(List<Request> requests) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(requests.size());
      for (Request r : requests) {
        byte[] op = r.operation();
        out.writeLong(r.clientId());
        out.writeLong(r.timestamp());
        out.writeInt(op.length);
        out.write(op);
        out.writeBoolean(r.readOnly());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return Digest.of(bytes.toByteArray());
  }

  /** The digest of the null request. */
  public static Digest nullDigest() {
    return digest(List.of());
  }
}
