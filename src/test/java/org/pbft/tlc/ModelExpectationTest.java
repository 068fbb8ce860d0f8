package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelExpectationTest {
  private static final String BODY = "CONSTANT Max = 5\nINIT Init\nNEXT Next\n"
      + "INVARIANTS\n    TypeOK\n    AgreementInv\nPROPERTY LivenessProp\n";

  private static ModelExpectation parse(String header) throws ModelHeaderException {
    return ModelExpectation.parse("spec/M.cfg", header + BODY);
  }

  private static ModelHeaderException malformed(String header) {
    return assertThrows(ModelHeaderException.class, () -> parse(header));
  }

  @Test
  void passWithBound() throws Exception {
    ModelExpectation e = parse("\\* TITLE: n = 4, f = 1\n\\* EXPECT: PASS distinct >= 123456\n");
    assertEquals(ModelExpectation.Kind.PASS, e.kind());
    assertEquals(123_456, e.minDistinct());
    assertEquals("n = 4, f = 1", e.title());
    assertNull(e.spec());
    assertNull(e.violation());
  }

  @Test
  void longCheckIsMarkedAndOtherwiseAbsent() throws Exception {
    ModelExpectation e = parse("\\* LONG: hours on 2 cores\n\\* EXPECT: PASS distinct >= 1\n");
    assertTrue(e.isLongCheck());
    assertEquals("hours on 2 cores", e.longCheck());
    assertFalse(parse("\\* EXPECT: PASS distinct >= 1\n").isLongCheck());
    assertTrue(malformed("\\* LONG: a\n\\* LONG: b\n\\* EXPECT: PASS distinct >= 1\n")
        .getMessage().contains("second LONG"));
  }

  @Test
  void boundMayHaveSeparators() throws Exception {
    assertEquals(1_250_000, parse("\\* EXPECT: PASS distinct >= 1,250,000\n").minDistinct());
    assertEquals(1_250_000, parse("\\*EXPECT:PASS distinct>=1_250_000\n").minDistinct());
  }

  @Test
  void violationOfADeclaredInvariantOrProperty() throws Exception {
    ModelExpectation e = parse("\\* EXPECT: VIOLATION AgreementInv\n\\* SPEC: MCPBFT.tla\n");
    assertEquals(ModelExpectation.Kind.VIOLATION, e.kind());
    assertEquals("AgreementInv", e.violation());
    assertEquals("MCPBFT.tla", e.spec());
    assertEquals(2, e.specLine());
    assertEquals("LivenessProp", parse("\\* EXPECT: VIOLATION LivenessProp\n").violation());
  }

  @Test
  void livenessViolationMayRequireALasso() throws Exception {
    ModelExpectation e = parse("\\* EXPECT: VIOLATION LivenessProp with a lasso\n");
    assertEquals("LivenessProp", e.violation());
    assertTrue(e.lasso());
    assertEquals("violation of LivenessProp with a lasso", e.describe());
    assertFalse(parse("\\* EXPECT: VIOLATION LivenessProp\n").lasso());
  }

  @Test
  void simulateGivesTheBudget() throws Exception {
    ModelExpectation e = parse("\\* SIMULATE: 1,000 behaviours, depth 40, seed 7\n"
        + "\\* EXPECT: PASS distinct >= 10\n");
    assertEquals(new Simulation(1_000, 40, 7), e.simulation());
    assertNull(parse("\\* EXPECT: PASS distinct >= 10\n").simulation());
    assertTrue(malformed("\\* SIMULATE: lots\n\\* EXPECT: PASS distinct >= 1\n").getMessage()
        .contains("malformed SIMULATE 'lots'"));
    assertTrue(malformed("\\* SIMULATE: 0 behaviours, depth 4, seed 1\n"
        + "\\* EXPECT: PASS distinct >= 1\n").getMessage().contains("at least one behaviour"));
  }

  @Test
  void anInvariantIsNeverRefutedWithALasso() {
    ModelHeaderException e = malformed("\\* EXPECT: VIOLATION AgreementInv with a lasso\n");
    assertTrue(e.getMessage().contains("only a temporal PROPERTY is refuted with a lasso"),
        e.getMessage());
  }

  @Test
  void headerMayHaveBlankAndOtherCommentLines() throws Exception {
    ModelExpectation e = parse("\n\\* A model.\n\n\\* EXPECT: PASS distinct >= 1\n\\* notes\n");
    assertEquals(1, e.minDistinct());
  }

  @Test
  void missingExpectNamesTheFileAndShowsTheSyntax() {
    ModelHeaderException e = malformed("\\* TITLE: something\n");
    assertEquals("spec/M.cfg", e.file());
    assertTrue(e.getMessage().startsWith("spec/M.cfg: no '\\* EXPECT:' line"), e.getMessage());
    assertTrue(e.getMessage().contains("EXPECT: PASS distinct >= 1000"), e.getMessage());
  }

  @Test
  void passWithoutBoundIsMalformed() {
    ModelHeaderException e = malformed("\\* TITLE: t\n\\* EXPECT: PASS\n");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith("spec/M.cfg:2: malformed EXPECT 'PASS'"), e.getMessage());
  }

  @Test
  void otherMalformedExpectations() {
    assertEquals(1, malformed("\\* EXPECT: PASS distinct > 5\n").line());
    assertEquals(1, malformed("\\* EXPECT: VIOLATION\n").line());
    assertEquals(1, malformed("\\* EXPECT: VIOLATION Agreement Inv\n").line());
    assertEquals(1, malformed("\\* EXPECT: FAIL AgreementInv\n").line());
    assertEquals(1, malformed("\\* EXPECT:\n").line());
  }

  @Test
  void missingColon() {
    ModelHeaderException e = malformed("\\* EXPECT PASS distinct >= 1\n");
    assertTrue(e.getMessage().contains("missing ':' after EXPECT"), e.getMessage());
  }

  @Test
  void violationOfSomethingTheModelDoesNotCheck() {
    ModelHeaderException e = malformed("\\* EXPECT: VIOLATION ConsistencyInv\n");
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("ConsistencyInv is neither an INVARIANT nor a PROPERTY"),
        e.getMessage());
  }

  @Test
  void expectAfterTheHeaderIsRejected() {
    ModelHeaderException e = assertThrows(ModelHeaderException.class, () -> ModelExpectation
        .parse("x.cfg", "\\* TITLE: t\nINIT Init\n\\* EXPECT: PASS distinct >= 1\nNEXT Next\n"));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("must be in the header"), e.getMessage());
  }

  @Test
  void duplicates() {
    ModelHeaderException e =
        malformed("\\* EXPECT: PASS distinct >= 1\n\\* EXPECT: VIOLATION AgreementInv\n");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("second EXPECT"), e.getMessage());
  }

  @Test
  void specMustBeATlaFile() {
    ModelHeaderException e = malformed("\\* SPEC: MCPBFT\n\\* EXPECT: PASS distinct >= 1\n");
    assertEquals(1, e.line());
  }

  @Test
  void describe() throws Exception {
    assertEquals("no violation and at least 1,000 distinct states",
        parse("\\* EXPECT: PASS distinct >= 1000\n").describe());
    assertEquals("violation of AgreementInv",
        parse("\\* EXPECT: VIOLATION AgreementInv\n").describe());
  }
}
