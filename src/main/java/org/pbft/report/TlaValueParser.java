package org.pbft.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a value in the syntax TLC uses to print states. Anything it does not understand raises
 * {@link IllegalArgumentException} naming the position, so that a page can show the raw text
 * instead of guessing.
 */
public final class TlaValueParser {
  private final String text;
  private int pos;

  private TlaValueParser(String text) {
    this.text = text;
  }

  /** The value {@code text} denotes. */
  public static TlaValue parse(String text) {
    TlaValueParser p = new TlaValueParser(text);
    TlaValue v = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the value");
    }
    return v;
  }

  private TlaValue value() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("a value was expected");
    }
    char c = text.charAt(pos);
    if (c == '{') {
      pos++;
      return new TlaValue.Set(list("}"));
    }
    if (text.startsWith("<<", pos)) {
      pos += 2;
      return new TlaValue.Tuple(list(">>"));
    }
    if (c == '[') {
      pos++;
      return record();
    }
    if (c == '(') {
      pos++;
      return function();
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      return new TlaValue.Num(Long.parseLong(text.substring(start, pos)));
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      return new TlaValue.Name(text.substring(start, pos));
    }
    throw error("unexpected '" + c + "'");
  }

  private List<TlaValue> list(String close) {
    List<TlaValue> items = new ArrayList<>();
    skipSpace();
    if (text.startsWith(close, pos)) {
      pos += close.length();
      return items;
    }
    while (true) {
      items.add(value());
      skipSpace();
      if (text.startsWith(close, pos)) {
        pos += close.length();
        return items;
      }
      expect(",");
    }
  }

  private TlaValue record() {
    Map<String, TlaValue> fields = new LinkedHashMap<>();
    skipSpace();
    if (text.startsWith("]", pos)) {
      pos++;
      return new TlaValue.Rec(fields);
    }
    while (true) {
      TlaValue name = value();
      if (!(name instanceof TlaValue.Name n)) {
        throw error("a field name was expected");
      }
      skipSpace();
      expect("|->");
      fields.put(n.value(), value());
      skipSpace();
      if (text.startsWith("]", pos)) {
        pos++;
        return new TlaValue.Rec(fields);
      }
      expect(",");
    }
  }

  private TlaValue function() {
    Map<TlaValue, TlaValue> pairs = new LinkedHashMap<>();
    while (true) {
      TlaValue key = value();
      skipSpace();
      expect(":>");
      pairs.put(key, value());
      skipSpace();
      if (text.startsWith(")", pos)) {
        pos++;
        return new TlaValue.Fun(pairs);
      }
      expect("@@");
    }
  }

  private TlaValue string() {
    StringBuilder b = new StringBuilder();
    pos++;
    while (pos < text.length() && text.charAt(pos) != '"') {
      if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
        pos++;
      }
      b.append(text.charAt(pos++));
    }
    if (pos >= text.length()) {
      throw error("unterminated string");
    }
    pos++;
    return new TlaValue.Str(b.toString());
  }

  private void expect(String token) {
    skipSpace();
    if (!text.startsWith(token, pos)) {
      throw error("'" + token + "' was expected");
    }
    pos += token.length();
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + pos + " of: "
        + (text.length() > 80 ? text.substring(0, 80) + "..." : text));
  }
}
