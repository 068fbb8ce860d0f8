package org.pbft.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON object whose values are numbers, strings, booleans, null or arrays of those
 * (arrays may nest; objects may not): what a trace line holds. Numbers are integers (Long);
 * anything else is rejected with the column.
 */
final class FlatJson {
  /** Deeper arrays than a trace needs (V nests three) are rejected, not recursed into. */
  static final int MAX_DEPTH = 8;

  private final String text;
  private int pos;
  private int depth;

  private FlatJson(String text) {
    this.text = text;
  }

  /** Thrown with a message that names the column (from 1). */
  static final class SyntaxError extends Exception {
    SyntaxError(String message) {
      super(message);
    }
  }

  /**
   * The object's fields in order; values are Long, String, Boolean, null or an unmodifiable
   * List of such values.
   */
  static Map<String, Object> parse(String line) throws SyntaxError {
    FlatJson p = new FlatJson(line);
    Map<String, Object> fields = p.object();
    p.skipSpace();
    if (p.pos < line.length()) {
      throw p.error("text after the object");
    }
    return fields;
  }

  private Map<String, Object> object() throws SyntaxError {
    skipSpace();
    expect('{', "an object '{'");
    Map<String, Object> fields = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return fields;
    }
    while (true) {
      skipSpace();
      int at = pos;
      String name = string();
      skipSpace();
      expect(':', "':'");
      skipSpace();
      Object value = value();
      if (fields.containsKey(name)) {
        pos = at;
        throw error("field \"" + name + "\" twice");
      }
      fields.put(name, value);
      skipSpace();
      char c = peek();
      pos++;
      if (c == '}') {
        return fields;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private Object value() throws SyntaxError {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || Character.isDigit(c)) {
      return number();
    }
    for (String word : new String[] {"null", "true", "false"}) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    if (c == '[') {
      return array();
    }
    if (c == '{') {
      throw error("nested objects are not part of the trace format");
    }
    throw error("expected a value");
  }

  private List<Object> array() throws SyntaxError {
    if (++depth > MAX_DEPTH) {
      throw error("arrays nested more than " + MAX_DEPTH + " deep");
    }
    expect('[', "an array '['");
    List<Object> items = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      depth--;
      return Collections.unmodifiableList(items);
    }
    while (true) {
      skipSpace();
      items.add(value());
      skipSpace();
      char c = peek();
      if (c == ']') {
        pos++;
        depth--;
        return Collections.unmodifiableList(items);
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
      pos++;
    }
  }

  private Long number() throws SyntaxError {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && ".eE".indexOf(text.charAt(pos)) >= 0) {
      pos = start;
      throw error("numbers in a trace are integers");
    }
    try {
      return Long.parseLong(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("not an integer");
    }
  }

  private String string() throws SyntaxError {
    expect('"', "a string");
    StringBuilder b = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          break;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> {
            pos--;
            throw error("bad escape \\" + e);
          }
        }
      } else {
        b.append(c);
      }
    }
    throw error("unterminated string");
  }

  private void expect(char c, String what) throws SyntaxError {
    if (peek() != c) {
      throw error("expected " + what);
    }
    pos++;
  }

  private char peek() throws SyntaxError {
    if (pos >= text.length()) {
      throw error("unexpected end of line");
    }
    return text.charAt(pos);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private SyntaxError error(String message) {
    return new SyntaxError("column " + (pos + 1) + ": " + message);
  }
}
