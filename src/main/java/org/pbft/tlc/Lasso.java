package org.pbft.tlc;

/**
 * How the counterexample of a temporal property ends. A liveness violation is an infinite
 * behaviour, which TLC prints as a lasso: a prefix, then either a cycle back to an earlier state
 * or stuttering forever in the last one. A safety violation is a finite prefix and has neither.
 */
public enum Lasso {
  /** No lasso: no counterexample, or a finite one (an invariant, a safety part of a property). */
  NONE,
  /** The behaviour stutters forever in its last state ({@code State n: Stuttering}). */
  STUTTERING,
  /** The behaviour loops back to an earlier state ({@code n: Back to state}). */
  CYCLE;

  /** " ending in stuttering", " ending in a cycle", or nothing. */
  String describe() {
    return switch (this) {
      case NONE -> "";
      case STUTTERING -> " ending in stuttering";
      case CYCLE -> " ending in a cycle";
    };
  }
}
