package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static TlcResult result(TlcOutcome outcome, String violated, int trace, long distinct) {
    return new TlcResult(outcome, violated, trace, distinct, distinct * 3, 12, 4.25, "summary",
        List.of(), 0);
  }

  private static TlcResult pass(long distinct) {
    return result(TlcOutcome.PASS, null, 0, distinct);
  }

  @Test
  void passWithEnoughStates() {
    Verdict v = Verdict.judge(ModelExpectation.pass(1000), pass(123_456));
    assertTrue(v.ok());
    assertEquals("123,456 distinct states, depth 12, 4.3 s", v.reason());
  }

  @Test
  void passWithTooFewStatesFails() {
    Verdict v = Verdict.judge(ModelExpectation.pass(123_456), pass(1_234));
    assertFalse(v.ok());
    assertTrue(v.reason().contains("only 1,234 distinct states, fewer than the expected 123,456"),
        v.reason());
  }

  @Test
  void violationWhenPassWasExpectedFails() {
    Verdict v = Verdict.judge(ModelExpectation.pass(1),
        result(TlcOutcome.INVARIANT_VIOLATED, "AgreementInv", 9, 500));
    assertFalse(v.ok());
    assertEquals("expected no violation, but invariant AgreementInv is violated "
        + "(counterexample of 9 states)", v.reason());
  }

  @Test
  void expectedViolationFound() {
    Verdict v = Verdict.judge(ModelExpectation.violation("AgreementInv"),
        result(TlcOutcome.INVARIANT_VIOLATED, "AgreementInv", 7, 1_234));
    assertTrue(v.ok());
    assertEquals("AgreementInv violated as expected (counterexample of 7 states), "
        + "1,234 distinct states, 4.3 s", v.reason());
  }

  @Test
  void livenessViolationWithALassoMeetsALassoExpectation() {
    TlcResult stuck = new TlcResult(TlcOutcome.PROPERTY_VIOLATED, "LiveProp", 10, 600, 1800, -1,
        2.0, "summary", List.of(), 13, Lasso.STUTTERING, -1);
    Verdict v = Verdict.judge(ModelExpectation.lassoViolation("LiveProp"), stuck);
    assertTrue(v.ok(), v.reason());
    assertEquals("LiveProp violated as expected (counterexample of 10 states ending in "
        + "stuttering), 600 distinct states, 2.0 s", v.reason());
  }

  @Test
  void finiteCounterexampleFailsALassoExpectation() {
    Verdict v = Verdict.judge(ModelExpectation.lassoViolation("LiveProp"),
        result(TlcOutcome.PROPERTY_VIOLATED, "LiveProp", 4, 50));
    assertFalse(v.ok());
    assertTrue(v.reason().contains("expected a lasso refuting LiveProp"), v.reason());
  }

  @Test
  void violationOfTheWrongInvariantFails() {
    Verdict v = Verdict.judge(ModelExpectation.violation("AgreementInv"),
        result(TlcOutcome.INVARIANT_VIOLATED, "TypeOK", 3, 50));
    assertFalse(v.ok());
    assertEquals("expected violation of AgreementInv, but TLC reported a violation of TypeOK "
        + "(counterexample of 3 states)", v.reason());
  }

  @Test
  void mutantThatPassesFails() {
    Verdict v = Verdict.judge(ModelExpectation.violation("AgreementInv"), pass(1_234));
    assertFalse(v.ok());
    assertEquals("expected violation of AgreementInv, but TLC finished with no violation "
        + "(1,234 distinct states)", v.reason());
  }

  @Test
  void unnamedTemporalViolationCannotConfirmAName() {
    Verdict v = Verdict.judge(ModelExpectation.violation("LivenessProp"),
        result(TlcOutcome.PROPERTY_VIOLATED, null, 3, 10));
    assertFalse(v.ok());
  }

  @Test
  void errorsNeverMeetAnExpectation() {
    for (TlcOutcome o : List.of(TlcOutcome.DEADLOCK, TlcOutcome.ASSUME_FAILED,
        TlcOutcome.PARSE_ERROR, TlcOutcome.MISSING_MODULE, TlcOutcome.OUT_OF_MEMORY,
        TlcOutcome.TLC_ERROR)) {
      assertFalse(Verdict.judge(ModelExpectation.pass(0), result(o, null, 0, 10)).ok(), o::name);
      assertFalse(Verdict.judge(ModelExpectation.violation("AgreementInv"),
          result(o, null, 0, 10)).ok(), o::name);
    }
  }

  @Test
  void deadlockAndOutOfMemoryAreSpelledOut() {
    assertEquals("expected no violation, but TLC reached a deadlock (trace of 4 states)",
        Verdict.judge(ModelExpectation.pass(1), result(TlcOutcome.DEADLOCK, null, 4, 4)).reason());
    assertEquals("expected no violation, but TLC ran out of memory after 10 distinct states",
        Verdict.judge(ModelExpectation.pass(1), result(TlcOutcome.OUT_OF_MEMORY, null, 0, 10))
            .reason());
  }
}
