package org.pbft.tlc;

import java.util.List;
import java.util.Objects;

/**
 * What one TLC run established.
 *
 * @param outcome how the run ended
 * @param violated the violated invariant or property, or null (unknown or not a violation)
 * @param counterexampleLength states in the error trace TLC printed, 0 when there was none
 * @param distinctStates distinct states found (the last count TLC reported)
 * @param statesGenerated states generated
 * @param depth depth of the state graph search, or -1 when TLC did not report it
 * @param seconds wall-clock duration of the run
 * @param summary one line for humans saying what happened
 * @param errorText the first lines TLC printed about the error (and the trace), empty on PASS
 * @param exitCode exit status of the TLC process
 * @param lasso how the counterexample ends: a cycle or stuttering for a liveness violation
 * @param behaviours for a simulation, the behaviours generated; -1 for model checking
 */
public record TlcResult(
    TlcOutcome outcome,
    String violated,
    int counterexampleLength,
    long distinctStates,
    long statesGenerated,
    int depth,
    double seconds,
    String summary,
    List<String> errorText,
    int exitCode,
    Lasso lasso,
    long behaviours) {

  public TlcResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(lasso, "lasso");
    errorText = List.copyOf(errorText);
  }

  /** A result whose counterexample, if any, is no lasso. */
  public TlcResult(TlcOutcome outcome, String violated, int counterexampleLength,
      long distinctStates, long statesGenerated, int depth, double seconds, String summary,
      List<String> errorText, int exitCode) {
    this(outcome, violated, counterexampleLength, distinctStates, statesGenerated, depth, seconds,
        summary, errorText, exitCode, Lasso.NONE, -1);
  }

  /** The result of a simulation: {@code behaviours} generated, {@code distinct} states seen. */
  public TlcResult asSimulation(long generatedBehaviours, long distinct) {
    return new TlcResult(outcome, violated, counterexampleLength, distinct, statesGenerated, depth,
        seconds, summary, errorText, exitCode, lasso, generatedBehaviours);
  }

  public boolean isSimulation() {
    return behaviours >= 0;
  }

  /** The same result with another outcome and violated name (used once the cfg is known). */
  public TlcResult withViolation(TlcOutcome newOutcome, String newViolated) {
    return new TlcResult(newOutcome, newViolated, counterexampleLength, distinctStates,
        statesGenerated, depth, seconds, summary, errorText, exitCode, lasso, behaviours);
  }
}
