package org.pbft.storage;

import java.nio.file.Path;

/**
 * The log holds a record that fails its checksum (or is malformed) with valid data after it:
 * not a torn tail but damage. The replica must not start from such a log: it cannot vouch for
 * what it sent. The message names the file and the byte offset of the bad record.
 */
public final class CorruptLogException extends Exception {
  private final Path file;
  private final long offset;

  public CorruptLogException(Path file, long offset, String what) {
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
