package org.pbft.config;

import java.nio.file.Path;

/**
 * A configuration or key file that cannot be used. The message names the file, the entry and
 * what is wrong with it, so that an operator can fix it without reading code.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  static ConfigException entry(Path file, String key, String problem) {
    return new ConfigException(file + ": entry '" + key + "' " + problem);
  }
}
