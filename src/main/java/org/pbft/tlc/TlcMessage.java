package org.pbft.tlc;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code -tool} message: its code, its class (1 = error), its text lines (including the text
 * of messages nested in it) and the messages nested in it.
 */
record TlcMessage(int code, int messageClass, List<String> lines, List<TlcMessage> nested) {
  private static final int SUMMARY_LINES = 3;

  TlcMessage {
    lines = List.copyOf(lines);
    nested = List.copyOf(nested);
  }

  boolean isError() {
    return messageClass == TlcMessageCodes.CLASS_ERROR;
  }

  /**
   * The message in one line. TLC wraps some errors (a bad .cfg file, for one) in a general
   * "unexpected exception" message; the nested message is the one that says what went wrong.
   */
  String oneLine() {
    if (!nested.isEmpty()) {
      return nested.get(0).oneLine();
    }
    List<String> parts = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank() && parts.size() < SUMMARY_LINES) {
        parts.add(line.trim());
      }
    }
    String joined = String.join(" ", parts);
    return joined.endsWith(".") || joined.endsWith(":")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }
}
