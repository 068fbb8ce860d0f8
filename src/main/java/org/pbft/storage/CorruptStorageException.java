package org.pbft.storage;

import java.nio.file.Path;

/**
 * A log holds a record that fails its checksum (or is malformed) with valid data after it, not
 * a torn tail but damage; or a snapshot fails its checksum. The replica must not start from such
 * a file: it cannot vouch for what it sent. The message names the file and the byte offset of
 * the damage.
 */
public final class CorruptStorageException extends Exception {
  private final Path file;
  private final long offset;

  public CorruptStorageException(Path file, long offset, String what) {
    super(file + " is corrupt at byte offset " + offset + ": " + what);
    this.file = file;
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
