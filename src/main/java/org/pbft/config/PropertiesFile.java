package org.pbft.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of a {@code java.util.Properties} file: every value read is checked, and errors
 * name the file and the key. Writing produces sorted, diffable text.
 */
final class PropertiesFile {
  private final Path file;
  private final Properties properties;

  private PropertiesFile(Path file, Properties properties) {
    this.file = file;
    this.properties = properties;
  }

  static PropertiesFile read(Path file) throws ConfigException {
    try {
      return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file (generate one with 'pbft keygen')");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  static PropertiesFile parse(Path file, String text) throws ConfigException {
    Properties p = new Properties();
    try (Reader in = new StringReader(text)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(file + ": not a properties file: " + e.getMessage(), e);
    }
    return new PropertiesFile(file, p);
  }

  Path file() {
    return file;
  }

  String string(String key) throws ConfigException {
    String value = properties.getProperty(key);
    if (value == null) {
      throw ConfigException.entry(file, key, "is missing");
    }
    return value.trim();
  }

  int integer(String key, int min, int max) throws ConfigException {
    String value = string(key);
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ConfigException.entry(file, key, "is not an integer: '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw ConfigException.entry(
          file, key, "is " + parsed + ", outside [" + min + ", " + max + "]");
    }
    return parsed;
  }

  byte[] hex(String key, int length) throws ConfigException {
    String value = string(key);
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      throw ConfigException.entry(file, key, "is not hexadecimal: " + e.getMessage());
    }
    if (bytes.length != length) {
      throw ConfigException.entry(
          file, key, "has " + bytes.length + " bytes, expected " + length);
    }
    return bytes;
  }

  /** Refuses keys nobody reads: a misspelled key would otherwise be silently ignored. */
  void rejectKeysOutside(Set<String> expected) throws ConfigException {
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (!expected.contains(key)) {
        throw ConfigException.entry(file, key, "is not a known entry");
      }
    }
  }

  Set<String> keys() {
    return properties.stringPropertyNames();
  }

  /** Sorted "key=value" lines after a comment header; values here never need escaping. */
  static byte[] format(String header, Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    text.append("# ").append(header).append('\n');
    new TreeSet<>(entries.keySet())
        .forEach(k -> text.append(k).append('=').append(entries.get(k)).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

}
