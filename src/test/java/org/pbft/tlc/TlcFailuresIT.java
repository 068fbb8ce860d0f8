package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * TLC really runs on the fixture specs, and every way a run can go wrong is reported as such:
 * the checker can fail, so its passes mean something.
 */
class TlcFailuresIT {
  private static final TlcRunSettings SETTINGS = TlcRunSettings.defaults()
      .withMaxHeap("512m")
      .withTimeout(Duration.ofMinutes(2));

  private static TlcResult run(String cfg, TlcRunSettings settings) throws Exception {
    Model model = Model.load(Fixtures.cfg(cfg), cfg);
    return new TlcRunner(settings).run(model.cfg(), model.spec(), TlcProgressListener.NONE);
  }

  private static TlcResult run(String cfg) throws Exception {
    return run(cfg, SETTINGS);
  }

  private static void assertOutcome(TlcOutcome expected, TlcResult r) {
    assertEquals(expected, r.outcome(),
        () -> r.summary() + "\n" + String.join("\n", r.errorText()));
  }

  @Test
  void correctSpecPasses() throws Exception {
    TlcResult r = run("Tiny.cfg");
    assertOutcome(TlcOutcome.PASS, r);
    assertEquals(36, r.distinctStates());
    assertEquals(11, r.depth());
    assertTrue(Verdict.judge(Model.load(Fixtures.cfg("Tiny.cfg"), "Tiny.cfg").expectation(), r)
        .ok());
  }

  @Test
  void invariantViolation() throws Exception {
    TlcResult r = run("Tiny-violation.cfg");
    assertOutcome(TlcOutcome.INVARIANT_VIOLATED, r);
    assertEquals("SumBelowSevenInv", r.violated());
    assertEquals(8, r.counterexampleLength());
  }

  @Test
  void temporalPropertyViolationIsNamedFromTheCfg() throws Exception {
    TlcResult r = run("Liveness.cfg");
    assertOutcome(TlcOutcome.PROPERTY_VIOLATED, r);
    assertEquals("ReachesFiveProp", r.violated());
  }

  @Test
  void actionPropertyViolation() throws Exception {
    TlcResult r = run("ActionProperty.cfg");
    assertOutcome(TlcOutcome.PROPERTY_VIOLATED, r);
    assertEquals("NeverDecreasesProp", r.violated());
  }

  @Test
  void parseError() throws Exception {
    TlcResult r = run("ParseError.cfg");
    assertOutcome(TlcOutcome.PARSE_ERROR, r);
    assertTrue(r.summary().contains("ParseError.tla:5:20"), r.summary());
  }

  @Test
  void semanticError() throws Exception {
    TlcResult r = run("SemanticError.cfg");
    assertOutcome(TlcOutcome.PARSE_ERROR, r);
    assertTrue(r.summary().contains("SemanticError.tla:5:14"), r.summary());
  }

  @Test
  void missingModule() throws Exception {
    TlcResult r = run("MissingModule.cfg");
    assertOutcome(TlcOutcome.MISSING_MODULE, r);
    assertTrue(r.summary().contains("NoSuchModule"), r.summary());
  }

  @Test
  void deadlockIsReportedUnlessSwitchedOff() throws Exception {
    TlcResult r = run("Deadlock.cfg");
    assertOutcome(TlcOutcome.DEADLOCK, r);
    assertEquals(4, r.counterexampleLength());
    TlcResult ignored = run("Deadlock.cfg", SETTINGS.withCheckDeadlock(false));
    assertOutcome(TlcOutcome.PASS, ignored);
    assertEquals(4, ignored.distinctStates());
  }

  @Test
  void falseAssumption() throws Exception {
    assertOutcome(TlcOutcome.ASSUME_FAILED, run("AssumeFails.cfg"));
  }

  @Test
  void evaluationAndConfigurationErrors() throws Exception {
    assertOutcome(TlcOutcome.TLC_ERROR, run("EvalError.cfg"));
    assertOutcome(TlcOutcome.TLC_ERROR, run("Tiny-undefined.cfg"));
    assertOutcome(TlcOutcome.TLC_ERROR, run("Tiny-badcfg.cfg"));
  }

  @Test
  void outOfMemory() throws Exception {
    assertOutcome(TlcOutcome.OUT_OF_MEMORY, run("OutOfMemory.cfg", SETTINGS.withMaxHeap("32m")));
  }

  @Test
  void modelInASubdirectoryFindsModulesThroughTheLibraryPath() throws Exception {
    assertOutcome(TlcOutcome.MISSING_MODULE, run("sub/Extending.cfg"));
    TlcResult r = run("sub/Extending.cfg", SETTINGS.withLibraryPaths(List.of(Fixtures.dir())));
    assertOutcome(TlcOutcome.INVARIANT_VIOLATED, r);
    assertEquals("XBelowThreeInv", r.violated());
  }

  @Test
  void timeoutStopsTlc() throws Exception {
    TlcResult r = run("OutOfMemory.cfg", SETTINGS.withMaxHeap("2g")
        .withTimeout(Duration.ofMillis(300)));
    assertOutcome(TlcOutcome.TLC_ERROR, r);
    assertTrue(r.summary().contains("did not finish"), r.summary());
  }

  @Test
  void progressIsReported() throws Exception {
    List<TlcProgress> seen = new CopyOnWriteArrayList<>();
    Model model = Model.load(Fixtures.cfg("Tiny.cfg"), "Tiny.cfg");
    new TlcRunner(SETTINGS).run(model.cfg(), model.spec(), seen::add);
    assertTrue(seen.stream().anyMatch(p -> p.distinctStates() == 36), seen::toString);
  }

  @Test
  void eachRunHasItsOwnScratchDirectory() throws Exception {
    // Two runs started within the same second would collide on TLC's default metadir.
    for (int i = 0; i < 2; i++) {
      assertOutcome(TlcOutcome.PASS, run("Tiny.cfg"));
    }
    assertTrue(Files.notExists(Fixtures.dir().resolve("states")));
  }
}
