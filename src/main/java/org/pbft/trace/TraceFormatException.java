package org.pbft.trace;

import java.nio.file.Path;

/** A trace that cannot be read: names the file and, when there is one, the line. */
public final class TraceFormatException extends Exception {
  private final transient Path file;
  private final int line;

  public TraceFormatException(Path file, int line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** The line number from 1, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }
}
