package org.pbft.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file written whole or not at all: to a temporary file, forced to disk, renamed over the
 * target, and the directory forced, so that a crash leaves either the old file or the new one,
 * never a mix. Read back with its checksum checked: a damaged snapshot is refused, never used.
 *
 * <p>Format: {@code PBFTSNP1}, a 4-byte format version, a 4-byte owner tag, the payload length
 * (8 bytes), the CRC32C of the payload (4 bytes), then the payload.
 */
public final class SnapshotFile {
  static final byte[] MAGIC = {'P', 'B', 'F', 'T', 'S', 'N', 'P', '1'};
  static final int VERSION = 1;
  static final int HEADER_BYTES = 28;

  private SnapshotFile() {}

  /** Writes {@code payload} to {@code file} atomically and durably. */
  public static void write(Path file, int owner, byte[] payload) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    header.put(MAGIC).putInt(VERSION).putInt(owner).putLong(payload.length)
        .putInt(WriteAheadLog.crc32c(payload, 0, payload.length)).flip();
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer body = ByteBuffer.wrap(payload);
      while (header.hasRemaining() || body.hasRemaining()) {
        out.write(new ByteBuffer[] {header, body});
      }
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    WriteAheadLog.syncDirectory(dir);
  }

  /**
   * The payload of {@code file}.
   *
   * @throws CorruptStorageException if the file is not a snapshot of {@code owner}, is cut
   *     short, or its checksum fails
   */
  public static byte[] read(Path file, int owner) throws IOException, CorruptStorageException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < HEADER_BYTES
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new CorruptStorageException(file, 0, "not a snapshot (no PBFTSNP1 header)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    int version = in.getInt(8);
    int tag = in.getInt(12);
    long length = in.getLong(16);
    int crc = in.getInt(24);
    if (version != VERSION) {
      throw new CorruptStorageException(file, 8,
          "format version " + version + ", this program reads version " + VERSION);
    }
    if (tag != owner) {
      throw new CorruptStorageException(file, 12,
          "the snapshot belongs to " + tag + ", not to " + owner);
    }
    if (length != bytes.length - HEADER_BYTES) {
      throw new CorruptStorageException(file, 16, "the header says " + length
          + " bytes of payload, the file holds " + (bytes.length - HEADER_BYTES));
    }
    if (WriteAheadLog.crc32c(bytes, HEADER_BYTES, (int) length) != crc) {
      throw new CorruptStorageException(file, HEADER_BYTES,
          "the checksum of the " + length + "-byte payload does not match");
    }
    return Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
  }
}
