package org.pbft.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The invariants and properties a TLC configuration file asks for. Used to check that an
 * expected violation names something the model checks, and to name a temporal property that TLC
 * reports as violated without naming it.
 */
public record CfgDeclarations(List<String> invariants, List<String> properties) {
  private static final Set<String> KEYWORDS = Set.of(
      "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS",
      "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW", "CONSTRAINT", "CONSTRAINTS",
      "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "CHECK_DEADLOCK", "POSTCONDITION", "ALIAS",
      "TYPE", "TYPE_CONSTRAINT");

  public CfgDeclarations {
    invariants = List.copyOf(invariants);
    properties = List.copyOf(properties);
  }

  public static CfgDeclarations parse(String cfgText) {
    List<String> invariants = new ArrayList<>();
    List<String> properties = new ArrayList<>();
    List<String> section = null;
    for (String token : withoutComments(cfgText).split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (KEYWORDS.contains(token)) {
        section = switch (token) {
          case "INVARIANT", "INVARIANTS" -> invariants;
          case "PROPERTY", "PROPERTIES" -> properties;
          default -> null;
        };
      } else if (section != null) {
        section.add(token);
      }
    }
    return new CfgDeclarations(invariants, properties);
  }

  /** True when {@code name} is one of the invariants or properties. */
  public boolean declares(String name) {
    return invariants.contains(name) || properties.contains(name);
  }

  /** TLA+ comments: {@code \*} to the end of the line and {@code (* ... *)}, which may nest. */
  static String withoutComments(String text) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (c == '(' && next == '*') {
        depth++;
        i++;
      } else if (depth > 0 && c == '*' && next == ')') {
        depth--;
        i++;
      } else if (depth == 0 && c == '\\' && next == '*') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
        out.append('\n');
      } else if (depth == 0) {
        out.append(c);
      } else if (c == '\n') {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
