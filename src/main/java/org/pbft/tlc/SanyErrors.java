package org.pbft.tlc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the untagged text SANY (TLC's parser) prints before it gives up, and says in one line
 * where the problem is. SANY's text is not covered by {@code -tool} message codes, so this is the
 * one place that depends on its wording.
 */
final class SanyErrors {
  private static final Pattern PARSING_FILE = Pattern.compile("^Parsing file (.+)$");
  private static final Pattern MISSING = Pattern.compile(
      "Cannot find source file for module (\\S+?)(?: imported in module (\\S+?))?\\.?$");
  private static final Pattern AT_LINE_COLUMN = Pattern.compile("at line (\\d+), column (\\d+)");
  private static final Pattern SEMANTIC_LOCATION =
      Pattern.compile("^line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\S+)$");

  /** What SANY reported, ready for a {@link TlcResult}. */
  record Report(TlcOutcome outcome, String summary, List<String> lines) {}

  private SanyErrors() {}

  static Report describe(List<String> sanyLines) {
    List<String> lines = meaningfulLines(sanyLines);
    Map<String, String> files = moduleFiles(sanyLines);
    for (String line : sanyLines) {
      Matcher m = MISSING.matcher(line.trim());
      if (m.find()) {
        String summary = "cannot find module " + m.group(1)
            + (m.group(2) == null ? "" : " (imported by module " + m.group(2) + ")");
        return new Report(TlcOutcome.MISSING_MODULE, summary, lines);
      }
    }
    for (int i = 0; i < sanyLines.size(); i++) {
      String line = sanyLines.get(i).trim();
      if (line.startsWith("***Parse Error***") || line.startsWith("Lexical error")) {
        return new Report(TlcOutcome.PARSE_ERROR, syntaxError(sanyLines, i), lines);
      }
      if (line.startsWith("Semantic errors:")) {
        return new Report(TlcOutcome.PARSE_ERROR, semanticError(sanyLines, i, files), lines);
      }
    }
    String first = lines.isEmpty() ? "SANY rejected the specification" : lines.get(0);
    return new Report(TlcOutcome.PARSE_ERROR, "parse error: " + first, lines);
  }

  /** "file:line:col: parse error: ..." for SANY's syntax and lexical errors. */
  private static String syntaxError(List<String> sany, int at) {
    String file = lastParsedFileBefore(sany, at);
    String encountered = null;
    String expecting = "";
    for (int i = at; i < sany.size() && i < at + 4; i++) {
      String line = sany.get(i).trim();
      if (line.startsWith("Was expecting")) {
        expecting = "; w" + line.substring(1);
      }
      if (AT_LINE_COLUMN.matcher(line).find()) {
        encountered = line;
        break;
      }
    }
    if (encountered == null) {
      return "parse error in " + file;
    }
    Matcher m = AT_LINE_COLUMN.matcher(encountered);
    m.find();
    return file + ":" + m.group(1) + ":" + m.group(2) + ": parse error: " + encountered + expecting;
  }

  /** "file:line:col: message" for the first of SANY's semantic errors. */
  private static String semanticError(List<String> sany, int at, Map<String, String> files) {
    for (int i = at + 1; i < sany.size(); i++) {
      Matcher m = SEMANTIC_LOCATION.matcher(sany.get(i).trim());
      if (m.matches()) {
        String file = files.getOrDefault(m.group(3), "module " + m.group(3));
        String message = nextNonBlank(sany, i + 1);
        return file + ":" + m.group(1) + ":" + m.group(2) + ": semantic error: " + message;
      }
    }
    return "semantic error: " + nextNonBlank(sany, at + 1);
  }

  private static String lastParsedFileBefore(List<String> sany, int at) {
    for (int i = at; i >= 0; i--) {
      Matcher m = PARSING_FILE.matcher(sany.get(i).trim());
      if (m.matches()) {
        return m.group(1);
      }
    }
    return "the specification";
  }

  private static String nextNonBlank(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).trim();
      }
    }
    return "";
  }

  /** Module name to the file SANY read it from, so errors can name files. */
  private static Map<String, String> moduleFiles(List<String> sany) {
    Map<String, String> files = new HashMap<>();
    for (String line : sany) {
      Matcher m = PARSING_FILE.matcher(line.trim());
      if (m.matches()) {
        String path = m.group(1);
        String name = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.tla$", "");
        files.put(name, path);
      }
    }
    return files;
  }

  /** SANY's lines without the progress chatter and blank lines. */
  private static List<String> meaningfulLines(List<String> sany) {
    List<String> kept = new ArrayList<>();
    for (String line : sany) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("Parsing file ") || t.startsWith("Semantic processing of")
          || t.startsWith("tla2sany.semantic.AbortException")) {
        continue;
      }
      kept.add(line);
    }
    return kept;
  }
}
