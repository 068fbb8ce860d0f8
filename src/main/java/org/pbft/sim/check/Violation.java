package org.pbft.sim.check;

/** A check that failed: the checker (or spec invariant) by name, and what it saw. */
public record Violation(String check, String detail) {

  @Override
  public String toString() {
    return check + ": " + detail;
  }
}
