package org.pbft.tlc;

import static org.pbft.tlc.Numbers.count;
import static org.pbft.tlc.Numbers.seconds;

/** Whether a TLC result meets a model's expectation, with a one-line reason. */
public record Verdict(boolean ok, String reason) {

  public static Verdict judge(ModelExpectation expected, TlcResult r) {
    return expected.kind() == ModelExpectation.Kind.PASS
        ? judgePass(expected.minDistinct(), r)
        : judgeViolation(expected.violation(), expected.lasso(), r);
  }

  private static Verdict judgePass(long minDistinct, TlcResult r) {
    if (r.outcome() != TlcOutcome.PASS) {
      return new Verdict(false, "expected no violation, but " + whatHappened(r));
    }
    String stats = (r.isSimulation()
        ? "simulation: " + count(r.behaviours()) + " behaviours, " + count(r.statesGenerated())
            + " states generated, "
        : "")
        + count(r.distinctStates()) + " distinct states"
        + (r.depth() >= 0 ? ", depth " + r.depth() : "") + ", " + seconds(r.seconds());
    if (r.distinctStates() < minDistinct) {
      return new Verdict(false, "TLC found no violation but only " + count(r.distinctStates())
          + " distinct states, fewer than the expected " + count(minDistinct)
          + " (has the model become vacuous?)");
    }
    return new Verdict(true, stats);
  }

  private static Verdict judgeViolation(String name, boolean lasso, TlcResult r) {
    String expected = "expected violation of " + name + ", but ";
    if (!r.outcome().isViolation()) {
      return new Verdict(false, expected + whatHappened(r));
    }
    if (r.violated() == null) {
      return new Verdict(false, expected + "TLC reported a temporal property violation without "
          + "naming it (with several PROPERTY entries it cannot be told apart; keep one)");
    }
    if (!r.violated().equals(name)) {
      return new Verdict(false, expected + "TLC reported a violation of " + r.violated()
          + trace(r));
    }
    if (lasso && r.lasso() == Lasso.NONE) {
      return new Verdict(false, "expected a lasso refuting " + name + " (an infinite behaviour: "
          + "a cycle or stuttering), but TLC's counterexample is finite" + trace(r)
          + ": a safety part of the property failed, not its liveness");
    }
    return new Verdict(true, name + " violated as expected" + trace(r) + ", "
        + count(r.distinctStates()) + " distinct states, " + seconds(r.seconds()));
  }

  /** What TLC reported, for a result other than the expected one. */
  static String whatHappened(TlcResult r) {
    return switch (r.outcome()) {
      case PASS -> "TLC finished with no violation (" + count(r.distinctStates())
          + " distinct states)";
      case INVARIANT_VIOLATED -> "invariant " + name(r) + " is violated" + trace(r);
      case PROPERTY_VIOLATED -> "property " + name(r) + " is violated" + trace(r);
      case DEADLOCK -> "TLC reached a deadlock" + (r.counterexampleLength() > 0
          ? " (trace of " + r.counterexampleLength() + " states)" : "");
      case ASSUME_FAILED -> "an ASSUME does not hold: " + r.summary();
      case PARSE_ERROR -> "SANY could not parse the spec: " + r.summary();
      case MISSING_MODULE -> "SANY " + r.summary();
      case OUT_OF_MEMORY -> "TLC ran out of memory after " + count(r.distinctStates())
          + " distinct states";
      case TLC_ERROR -> "TLC failed: " + r.summary();
    };
  }

  private static String name(TlcResult r) {
    return r.violated() == null ? "(unnamed)" : r.violated();
  }

  private static String trace(TlcResult r) {
    return r.counterexampleLength() > 0
        ? " (counterexample of " + r.counterexampleLength() + " states" + r.lasso().describe()
            + ")"
        : "";
  }
}
