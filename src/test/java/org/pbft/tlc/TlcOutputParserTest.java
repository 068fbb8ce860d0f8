package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser over output TLC 2.18 really printed (see src/test/resources/tlc/README.md). */
class TlcOutputParserTest {

  @Test
  void passReportsStatesAndDepth() {
    TlcResult r = RecordedOutput.parse("pass", 0);
    assertEquals(TlcOutcome.PASS, r.outcome());
    assertEquals(36, r.distinctStates());
    assertEquals(62, r.statesGenerated());
    assertEquals(11, r.depth());
    assertEquals(0, r.counterexampleLength());
    assertTrue(r.errorText().isEmpty());
    assertNull(r.violated());
  }

  @Test
  void invariantViolationNamesTheInvariantAndCountsTheTrace() {
    TlcResult r = RecordedOutput.parse("invariant", 12);
    assertEquals(TlcOutcome.INVARIANT_VIOLATED, r.outcome());
    assertEquals("SumBelowSevenInv", r.violated());
    assertEquals(8, r.counterexampleLength());
    assertEquals(8, r.depth());
    assertTrue(r.distinctStates() > 0);
    assertTrue(r.errorText().contains("Invariant SumBelowSevenInv is violated."),
        r.errorText()::toString);
  }

  @Test
  void invariantViolatedByTheInitialStateHasATraceOfOneState() {
    TlcResult r = RecordedOutput.parse("invariant-initial", 12);
    assertEquals(TlcOutcome.INVARIANT_VIOLATED, r.outcome());
    assertEquals("SumPositiveInv", r.violated());
    assertEquals(1, r.counterexampleLength());
  }

  @Test
  void temporalViolationIsUnnamedWithItsLasso() {
    TlcResult r = RecordedOutput.parse("temporal", 13);
    assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome());
    assertNull(r.violated(), "TLC 2.18 does not name the temporal property");
    assertEquals(3, r.counterexampleLength());
    assertTrue(r.errorText().stream().anyMatch(l -> l.contains("Back to state")));
    assertEquals(Lasso.CYCLE, r.lasso());
  }

  @Test
  void temporalViolationEndingInStutteringIsALasso() {
    // spec/mutants/NoJoinViewChange.cfg: replica 2 waits in view 1 for a NEW-VIEW forever.
    TlcResult r = RecordedOutput.parse("temporal-stuttering", 13);
    assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome());
    assertEquals(Lasso.STUTTERING, r.lasso());
    assertEquals(10, r.counterexampleLength());
  }

  @Test
  void invariantViolationIsNoLasso() {
    assertEquals(Lasso.NONE, RecordedOutput.parse("invariant", 12).lasso());
  }

  @Test
  void actionPropertyViolationIsNamed() {
    TlcResult r = RecordedOutput.parse("action-property", 13);
    assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome());
    assertEquals("NeverDecreasesProp", r.violated());
    assertEquals(4, r.counterexampleLength());
  }

  @Test
  void boxPropertyIsReportedByTlcAsAnInvariant() {
    TlcResult r = RecordedOutput.parse("box-property", 12);
    assertEquals(TlcOutcome.INVARIANT_VIOLATED, r.outcome());
    assertEquals("AlwaysBelowTwoProp", r.violated());
  }

  @Test
  void deadlock() {
    TlcResult r = RecordedOutput.parse("deadlock", 11);
    assertEquals(TlcOutcome.DEADLOCK, r.outcome());
    assertEquals(4, r.counterexampleLength());
    assertNull(r.violated());
  }

  @Test
  void parseErrorGivesFileLineAndColumn() {
    TlcResult r = RecordedOutput.parse("parse-error", 150);
    assertEquals(TlcOutcome.PARSE_ERROR, r.outcome());
    assertTrue(r.summary().contains("ParseError.tla:5:20: parse error"), r.summary());
    assertTrue(r.summary().contains("was expecting \"==== or more Module body\""), r.summary());
  }

  @Test
  void semanticErrorGivesFileLineColumnAndMessage() {
    TlcResult r = RecordedOutput.parse("semantic-error", 150);
    assertEquals(TlcOutcome.PARSE_ERROR, r.outcome());
    assertTrue(r.summary().contains("SemanticError.tla:5:14: semantic error: Unknown operator"),
        r.summary());
  }

  @Test
  void missingModuleIsNamed() {
    TlcResult r = RecordedOutput.parse("missing-module", 150);
    assertEquals(TlcOutcome.MISSING_MODULE, r.outcome());
    assertEquals("cannot find module NoSuchModule (imported by module MissingModule)",
        r.summary());
  }

  @Test
  void falseAssumption() {
    TlcResult r = RecordedOutput.parse("assume", 10);
    assertEquals(TlcOutcome.ASSUME_FAILED, r.outcome());
    assertTrue(r.summary().contains("module AssumeFails is false"), r.summary());
  }

  @Test
  void outOfMemory() {
    TlcResult r = RecordedOutput.parse("out-of-memory", 75);
    assertEquals(TlcOutcome.OUT_OF_MEMORY, r.outcome());
    assertTrue(r.errorText().contains("Java heap space"), r.errorText()::toString);
  }

  @Test
  void outOfMemoryOnStderrAloneIsEnough() {
    TlcOutputParser parser = new TlcOutputParser(TlcProgressListener.NONE);
    parser.acceptStderr("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space");
    assertEquals(TlcOutcome.OUT_OF_MEMORY, parser.finish(1, 1).outcome());
  }

  @Test
  void evaluationErrorIsATlcErrorWithItsTrace() {
    TlcResult r = RecordedOutput.parse("eval-error", 255);
    assertEquals(TlcOutcome.TLC_ERROR, r.outcome());
    assertEquals("The second argument of \\div is 0", r.summary());
    assertEquals(7, r.counterexampleLength());
  }

  @Test
  void undefinedInvariantInTheCfg() {
    TlcResult r = RecordedOutput.parse("undefined-invariant", 151);
    assertEquals(TlcOutcome.TLC_ERROR, r.outcome());
    assertTrue(r.summary().contains("The invariant NoSuchInv specified in the configuration file"
        + " is not defined in the specification"), r.summary());
  }

  @Test
  void malformedCfgIsReportedFromTheNestedMessage() {
    TlcResult r = RecordedOutput.parse("bad-config", 255);
    assertEquals(TlcOutcome.TLC_ERROR, r.outcome());
    assertTrue(r.summary().startsWith("TLC found an error in the configuration file at line"),
        r.summary());
  }

  @Test
  void missingCfgFile() {
    TlcResult r = RecordedOutput.parse("missing-config", 255);
    assertEquals(TlcOutcome.TLC_ERROR, r.outcome());
    assertTrue(r.summary().contains("NoSuch.cfg") && r.summary().contains("File not found"),
        r.summary());
  }

  @Test
  void progressFromTlcAndFromTheChildReachesTheListener() {
    List<TlcProgress> seen = new ArrayList<>();
    TlcResult r = RecordedOutput.parse("progress", 143, seen::add);
    assertEquals(List.of(934_436L, 12_158_567L, 686_008L, 1_782_817L),
        seen.stream().map(TlcProgress::statesGenerated).toList());
    assertEquals(911_152L, seen.get(0).queue());
    assertEquals(12_158_554L, seen.get(1).distinctStates());
    assertEquals(TlcOutcome.TLC_ERROR, r.outcome(), "killed before it finished");
  }

  @Test
  void nonZeroExitWithoutMessagesReportsStderr() {
    TlcOutputParser parser = new TlcOutputParser(TlcProgressListener.NONE);
    parser.acceptStderr("Error: Could not find or load main class tlc2.TLC");
    TlcResult r = parser.finish(1, 0.1);
    assertEquals(TlcOutcome.TLC_ERROR, r.outcome());
    assertEquals("TLC exited with status 1: Error: Could not find or load main class tlc2.TLC",
        r.summary());
  }

  @Test
  void silentSuccessfulExitIsNotAPass() {
    TlcResult r = new TlcOutputParser(TlcProgressListener.NONE).finish(0, 0.1);
    assertEquals(TlcOutcome.TLC_ERROR, r.outcome());
  }
}
