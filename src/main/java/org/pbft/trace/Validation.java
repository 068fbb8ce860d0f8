package org.pbft.trace;

import java.util.List;

/**
 * The verdict of TLC on one trace.
 *
 * @param verdict conforms, does not conform, or could not be decided (TLC failed)
 * @param events events in the trace
 * @param matched events matched in order by the longest explanation the spec has
 * @param firstUnmatched the first event the spec cannot explain (event {@code matched + 1}), or
 *     null when the trace conforms or TLC failed
 * @param diagnosis what TLC printed about the spec state before that event (the event as a spec
 *     step, the replica's state, the messages of its (v, n), the actions enabled for the replica);
 *     empty when there is none
 * @param seconds wall-clock time of the TLC runs
 * @param error why TLC could not decide, or null
 */
public record Validation(
    Verdict verdict,
    int events,
    int matched,
    TraceRecord firstUnmatched,
    List<String> diagnosis,
    double seconds,
    String error) {

  public enum Verdict { CONFORMS, DOES_NOT_CONFORM, ERROR }

  public Validation {
    diagnosis = List.copyOf(diagnosis);
  }

  public boolean conforms() {
    return verdict == Verdict.CONFORMS;
  }

  /** The 1-based index of the first unmatched event, or 0. */
  public int firstUnmatchedIndex() {
    return verdict == Verdict.DOES_NOT_CONFORM ? matched + 1 : 0;
  }
}
