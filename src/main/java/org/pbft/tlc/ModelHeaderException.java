package org.pbft.tlc;

/** A model's .cfg header is missing, malformed, or names something that does not exist. */
public final class ModelHeaderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /** {@code line} is 1-based, or 0 when the problem is not on one line. */
  public ModelHeaderException(String file, int line, String message) {
    super((line > 0 ? file + ":" + line : file) + ": " + message);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
