package org.pbft.node;

import java.io.IOException;

/** A replica's data directory cannot be used: in use by another process, or damaged. */
public final class DataDirectoryException extends IOException {
  public DataDirectoryException(String message) {
    super(message);
  }
}
