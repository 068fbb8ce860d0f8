package org.pbft.tlc;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdict a model expects from TLC, read from comment lines at the top of its .cfg file, so
 * that every model carries its own expectation:
 *
 * <pre>
 * \* TITLE: n = 4, f = 1, views 0..1
 * \* SPEC: MCPBFT.tla
 * \* EXPECT: PASS distinct >= 100000
 * </pre>
 *
 * or {@code \* EXPECT: VIOLATION AgreementInv}, or for a liveness property
 * {@code \* EXPECT: VIOLATION LivenessProp with a lasso}: TLC must refute it with an infinite
 * behaviour (a cycle, or stuttering forever), not a finite prefix. EXPECT is required; TITLE, SPEC and LONG are
 * optional. {@code \* LONG: why} marks a long check: it runs only when named with
 * {@code --config}, never in {@code --all} nor in the build.
 * The header is the run of blank and {@code \*} lines before the first configuration line.
 *
 * @param kind PASS or VIOLATION
 * @param minDistinct for PASS, the fewest distinct states TLC must find (guards against a model
 *     that silently became tiny); 0 for VIOLATION
 * @param violation for VIOLATION, the invariant or property TLC must report; else null
 * @param title the TITLE, or null
 * @param spec the SPEC (a .tla file name relative to the cfg), or null
 * @param specLine the line of SPEC, 0 if absent
 * @param longCheck the LONG reason (a model to run by name only), or null
 * @param lasso for VIOLATION, whether the counterexample must be a lasso (a liveness violation)
 * @param simulation the SIMULATE budget, or null for exhaustive model checking
 */
public record ModelExpectation(Kind kind, long minDistinct, String violation, String title,
    String spec, int specLine, String longCheck, boolean lasso, Simulation simulation) {

  public enum Kind { PASS, VIOLATION }

  static final String EXAMPLES =
      "write '\\* EXPECT: PASS distinct >= 1000' or '\\* EXPECT: VIOLATION AgreementInv'";

  private static final Pattern KEY_LINE =
      Pattern.compile("^\\\\\\*\\s*(TITLE|SPEC|EXPECT|LONG|SIMULATE)\\b\\s*(:?)\\s*(.*?)\\s*$");
  private static final Pattern PASS =
      Pattern.compile("^PASS\\s+distinct\\s*>=\\s*(\\d[\\d_,]*)$");
  private static final Pattern VIOLATION =
      Pattern.compile("^VIOLATION\\s+([A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*)(\\s+with\\s+a\\s+lasso)?$");
  private static final Pattern SPEC = Pattern.compile("^\\S+\\.tla$");
  private static final Pattern SIMULATE = Pattern.compile(
      "^(\\d[\\d_,]*)\\s+behaviours?,\\s*depth\\s+(\\d+),\\s*seed\\s+(-?\\d+)$");

  public static ModelExpectation pass(long minDistinct) {
    return new ModelExpectation(Kind.PASS, minDistinct, null, null, null, 0, null, false, null);
  }

  public static ModelExpectation violation(String name) {
    return new ModelExpectation(Kind.VIOLATION, 0, name, null, null, 0, null, false, null);
  }

  /** A liveness violation: TLC must refute property {@code name} with a lasso. */
  public static ModelExpectation lassoViolation(String name) {
    return new ModelExpectation(Kind.VIOLATION, 0, name, null, null, 0, null, true, null);
  }

  /** Reads the header of {@code text}, the content of the cfg file called {@code file}. */
  public static ModelExpectation parse(String file, String text) throws ModelHeaderException {
    List<String> lines = text.lines().toList();
    int headerEnd = headerEnd(lines);
    String expect = null;
    int expectLine = 0;
    String title = null;
    String spec = null;
    int specLine = 0;
    String longCheck = null;
    Simulation simulation = null;
    boolean simulate = false;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = KEY_LINE.matcher(lines.get(i).trim());
      if (!m.matches()) {
        continue;
      }
      int lineNo = i + 1;
      String key = m.group(1);
      if (i >= headerEnd) {
        throw new ModelHeaderException(file, lineNo, key + " must be in the header, the comment "
            + "lines before the first configuration line (line " + (headerEnd + 1) + ")");
      }
      if (m.group(2).isEmpty()) {
        throw new ModelHeaderException(file, lineNo, "missing ':' after " + key);
      }
      String value = m.group(3);
      boolean duplicate = switch (key) {
        case "EXPECT" -> expect != null;
        case "SPEC" -> spec != null;
        case "LONG" -> longCheck != null;
        case "SIMULATE" -> simulate;
        default -> title != null;
      };
      if (duplicate) {
        throw new ModelHeaderException(file, lineNo, "second " + key + " line; keep one");
      }
      if (value.isEmpty()) {
        throw new ModelHeaderException(file, lineNo, "empty " + key);
      }
      switch (key) {
        case "EXPECT" -> {
          expect = value;
          expectLine = lineNo;
        }
        case "SPEC" -> {
          if (!SPEC.matcher(value).matches()) {
            throw new ModelHeaderException(file, lineNo,
                "SPEC must name a .tla file, such as '\\* SPEC: MCPBFT.tla', not '" + value + "'");
          }
          spec = value;
          specLine = lineNo;
        }
        case "LONG" -> longCheck = value;
        case "SIMULATE" -> {
          simulate = true;
          simulation = simulation(file, lineNo, value);
        }
        default -> title = value;
      }
    }
    if (expect == null) {
      throw new ModelHeaderException(file, 0, "no '\\* EXPECT:' line in the header at the top; "
          + EXAMPLES);
    }
    ModelExpectation e =
        expectation(file, text, expect, expectLine, title, spec, specLine, longCheck);
    return new ModelExpectation(e.kind, e.minDistinct, e.violation, e.title, e.spec, e.specLine,
        e.longCheck, e.lasso, simulation);
  }

  private static Simulation simulation(String file, int line, String value)
      throws ModelHeaderException {
    Matcher m = SIMULATE.matcher(value);
    if (!m.matches()) {
      throw new ModelHeaderException(file, line, "malformed SIMULATE '" + value + "'; write "
          + "'\\* SIMULATE: 300 behaviours, depth 60, seed 7'");
    }
    try {
      return new Simulation(Long.parseLong(m.group(1).replace("_", "").replace(",", "")),
          Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)));
    } catch (IllegalArgumentException e) {
      throw new ModelHeaderException(file, line, "SIMULATE: " + e.getMessage());
    }
  }

  /** The same expectation with another simulation budget (a longer run by hand). */
  public ModelExpectation withSimulation(Simulation s) {
    return new ModelExpectation(kind, minDistinct, violation, title, spec, specLine, longCheck,
        lasso, s);
  }

  private static ModelExpectation expectation(String file, String text, String expect, int line,
      String title, String spec, int specLine, String longCheck) throws ModelHeaderException {
    Matcher pass = PASS.matcher(expect);
    if (pass.matches()) {
      long min;
      try {
        min = Long.parseLong(pass.group(1).replace("_", "").replace(",", ""));
      } catch (NumberFormatException e) {
        throw new ModelHeaderException(file, line, "distinct-state bound is not a number: "
            + pass.group(1));
      }
      return new ModelExpectation(Kind.PASS, min, null, title, spec, specLine, longCheck, false,
          null);
    }
    Matcher violation = VIOLATION.matcher(expect);
    if (violation.matches()) {
      String name = violation.group(1);
      CfgDeclarations declared = CfgDeclarations.parse(text);
      if (!declared.declares(name)) {
        throw new ModelHeaderException(file, line, name + " is neither an INVARIANT nor a "
            + "PROPERTY of this model, so TLC cannot report its violation");
      }
      boolean lasso = violation.group(2) != null;
      if (lasso && !declared.properties().contains(name)) {
        throw new ModelHeaderException(file, line, "only a temporal PROPERTY is refuted with a "
            + "lasso; " + name + " is not a PROPERTY of this model");
      }
      return new ModelExpectation(Kind.VIOLATION, 0, name, title, spec, specLine, longCheck,
          lasso, null);
    }
    throw new ModelHeaderException(file, line, "malformed EXPECT '" + expect + "'; " + EXAMPLES);
  }

  /** A long check runs only when named: not in --all, --debug, --mutants or the build. */
  public boolean isLongCheck() {
    return longCheck != null;
  }

  /** Index of the first line that is neither blank nor a {@code \*} comment. */
  private static int headerEnd(List<String> lines) {
    int i = 0;
    while (i < lines.size()
        && (lines.get(i).isBlank() || lines.get(i).trim().startsWith("\\*"))) {
      i++;
    }
    return i;
  }

  /** "no violation and at least 1,000 distinct states" or "violation of AgreementInv". */
  public String describe() {
    return kind == Kind.PASS
        ? "no violation and at least " + Numbers.count(minDistinct) + " distinct state"
            + (minDistinct == 1 ? "" : "s")
        : "violation of " + violation + (lasso ? " with a lasso" : "");
  }
}
