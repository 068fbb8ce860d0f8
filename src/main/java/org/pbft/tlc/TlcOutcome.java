package org.pbft.tlc;

/** How a TLC run ended, as far as a model's expectation is concerned. */
public enum TlcOutcome {
  /** TLC explored the whole state space and found no violation. */
  PASS,
  /** An invariant (or a property TLC checks as an invariant, such as {@code []P}) is false. */
  INVARIANT_VIOLATED,
  /** An action or temporal property is violated. */
  PROPERTY_VIOLATED,
  /** A reachable state has no successor and the model checks for deadlock. */
  DEADLOCK,
  /** An {@code ASSUME} is false or cannot be evaluated. */
  ASSUME_FAILED,
  /** SANY rejected a module (syntax or semantic error). */
  PARSE_ERROR,
  /** A module named in {@code EXTENDS} or {@code INSTANCE} was not found. */
  MISSING_MODULE,
  /** The TLC JVM ran out of heap. */
  OUT_OF_MEMORY,
  /** Anything else: configuration errors, evaluation errors, crashes, timeouts. */
  TLC_ERROR;

  /** True for the two outcomes that name what was violated. */
  public boolean isViolation() {
    return this == INVARIANT_VIOLATED || this == PROPERTY_VIOLATED;
  }
}
