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

class DistributedTlcRunnerTest {
  @TempDir
  Path dir;

  private final DistributedTlcRunner runner = new DistributedTlcRunner(
      TlcRunSettings.defaults().withLibraryPaths(List.of(Path.of("spec"))),
      new DistributedSettings("tlc.example.org", 12345, 0, 1));

  @Test
  void serverCommandCarriesHostPortAndTheCfgsDeadlockSetting() throws Exception {
    Path cfg = Files.writeString(dir.resolve("M.cfg"), "INIT Init\nNEXT Next\n"
        + "CHECK_DEADLOCK FALSE\n");
    List<String> cmd = runner.serverCommand(dir, cfg, dir.resolve("M.tla"));
    assertTrue(cmd.contains("-Djava.rmi.server.hostname=tlc.example.org"), cmd::toString);
    assertTrue(cmd.contains("-Dtlc2.tool.distributed.TLCServer.port=12345"), cmd::toString);
    assertTrue(cmd.contains("tlc2.tool.distributed.TLCServer"), cmd::toString);
    // the server ignores CHECK_DEADLOCK FALSE in the cfg: the flag must be passed
    assertTrue(cmd.contains("-deadlock"), cmd::toString);
    assertEquals("M.tla", cmd.get(cmd.size() - 1));
    assertEquals("M.cfg", cmd.get(cmd.indexOf("-config") + 1));
  }

  @Test
  void deadlockIsCheckedWhenTheCfgDoesNotTurnItOff() throws Exception {
    Path cfg = Files.writeString(dir.resolve("M.cfg"), "INIT Init\nNEXT Next\n");
    assertFalse(runner.serverCommand(dir, cfg, dir.resolve("M.tla")).contains("-deadlock"));
  }

  @Test
  void workerCommandNamesTheServerAndItsPort() {
    String line = runner.workerCommandLine();
    assertTrue(line.endsWith("tlc2.tool.distributed.TLCWorker tlc.example.org"), line);
    assertTrue(line.contains("-Dtlc2.tool.distributed.TLCServer.port=12345"), line);
  }

  @Test
  void aCfgAwayFromItsModuleIsRefusedWithAReason() throws Exception {
    Path cfg = Files.writeString(Files.createDirectory(dir.resolve("elsewhere")).resolve("M.cfg"),
        "INIT Init\n");
    Path spec = Files.writeString(dir.resolve("M.tla"), "---- MODULE M ----\n====\n");
    Exception e = assertThrows(java.io.IOException.class,
        () -> runner.run(cfg, spec, s -> { }, TlcProgressListener.NONE));
    assertTrue(e.getMessage().contains("needs the cfg beside its module"), e.getMessage());
  }

  private static TlcResult traceWithoutMessage() {
    return new TlcResult(TlcOutcome.TLC_ERROR, null, 2, 80, 285, -1, 8, "TLC ended without "
        + "reporting a result", List.of(), 0);
  }

  @Test
  void aTraceWithoutMessageIsTheOnlyInvariantWhenNothingElseCanFail() throws Exception {
    Path cfg = Files.writeString(dir.resolve("M.cfg"), "INVARIANT DebugNoExecution\n"
        + "CHECK_DEADLOCK FALSE\n");
    TlcResult r = DistributedTlcRunner.unsaidViolation(traceWithoutMessage(), cfg);
    assertEquals(TlcOutcome.INVARIANT_VIOLATED, r.outcome());
    assertEquals("DebugNoExecution", r.violated());
  }

  @Test
  void aTraceWithoutMessageIsAnErrorWhenSeveralThingsCanFail() throws Exception {
    Path cfg = Files.writeString(dir.resolve("M.cfg"), "INVARIANTS\n    TypeOK\n    Inv\n"
        + "CHECK_DEADLOCK FALSE\n");
    TlcResult r = DistributedTlcRunner.unsaidViolation(traceWithoutMessage(), cfg);
    assertEquals(TlcOutcome.TLC_ERROR, r.outcome());
    assertTrue(r.summary().contains("without saying what it violates"), r.summary());
    Path withDeadlock = Files.writeString(dir.resolve("D.cfg"), "INVARIANT Inv\n");
    assertEquals(TlcOutcome.TLC_ERROR,
        DistributedTlcRunner.unsaidViolation(traceWithoutMessage(), withDeadlock).outcome());
  }

  @Test
  void aModelWithAPropertyIsRefused() throws Exception {
    Path cfg = Files.writeString(dir.resolve("M.cfg"), "INIT Init\nNEXT Next\n"
        + "PROPERTY LivenessProp\n");
    Path spec = Files.writeString(dir.resolve("M.tla"), "---- MODULE M ----\n====\n");
    Exception e = assertThrows(java.io.IOException.class,
        () -> runner.run(cfg, spec, s -> { }, TlcProgressListener.NONE));
    assertTrue(e.getMessage().contains("does not check PROPERTY entries"), e.getMessage());
  }

  @Test
  void settingsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new DistributedSettings("", 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new DistributedSettings("h", 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new DistributedSettings("h", 1, -1, 1));
  }
}
