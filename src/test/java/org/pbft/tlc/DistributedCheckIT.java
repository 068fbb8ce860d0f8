package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLC's distributed mode on this machine: a server and two worker processes find exactly the
 * states a local run finds, and a violation as a local run does.
 */
class DistributedCheckIT {
  /** PBFT with one request and views 0..1: 6,017 distinct states, a few seconds of work. */
  private static final String MODEL = String.join("\n",
      "\\* EXPECT: PASS distinct >= 6,017",
      "CONSTANTS",
      "    N = 4", "    F = 1", "    Byz = {0}", "    Requests = {r1}", "    Null = Null",
      "    MaxView = 1", "    MaxSeq = 1", "    K = 2", "    L = 2",
      "INIT Init", "NEXT Next", "CHECK_DEADLOCK FALSE", "");

  @TempDir
  Path dir;

  private Path copySpec() throws IOException {
    Path spec = Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")))
        .resolve("spec");
    for (String module : List.of("PBFT.tla", "MCPBFT.tla", "Consensus.tla")) {
      Files.copy(spec.resolve(module), dir.resolve(module));
    }
    return dir.resolve("MCPBFT.tla");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private TlcResult distributed(Path cfg, Path spec, List<String> announced) throws Exception {
    TlcRunSettings settings = TlcRunSettings.defaults().withWorkers(1)
        .withTimeout(Duration.ofSeconds(600)).withLogFile(dir.resolve(cfg.getFileName() + ".log"));
    DistributedSettings cluster = new DistributedSettings("localhost", freePort(), 2, 1);
    return new DistributedTlcRunner(settings, cluster)
        .run(cfg, spec, announced::add, TlcProgressListener.NONE);
  }

  @Test
  void twoWorkersFindTheStatesOfALocalRun() throws Exception {
    Path spec = copySpec();
    Path cfg = Files.writeString(dir.resolve("Small.cfg"), MODEL + "INVARIANTS\n    TypeOK\n"
        + "    AgreementInv\n");
    TlcResult local = new TlcRunner(TlcRunSettings.defaults().withWorkers(1))
        .run(cfg, spec, TlcProgressListener.NONE);
    List<String> announced = new ArrayList<>();
    TlcResult remote = distributed(cfg, spec, announced);

    assertEquals(TlcOutcome.PASS, local.outcome(), local.summary());
    assertEquals(TlcOutcome.PASS, remote.outcome(), remote.summary() + "\n" + remote.errorText());
    assertEquals(6_017, local.distinctStates());
    assertEquals(local.distinctStates(), remote.distinctStates());
    assertTrue(Verdict.judge(ModelExpectation.pass(6_017), remote).ok());
    assertEquals(1, announced.size(), announced::toString);
    assertTrue(announced.get(0).contains("tlc2.tool.distributed.TLCWorker localhost"),
        announced::toString);
  }

  @Test
  void aViolationIsFoundAndNamed() throws Exception {
    Path spec = copySpec();
    Path cfg = Files.writeString(dir.resolve("Debug.cfg"), MODEL
        + "INVARIANT DebugNoExecution\n");
    TlcResult r = distributed(cfg, spec, new ArrayList<>());
    assertEquals(TlcOutcome.INVARIANT_VIOLATED, r.outcome(), r.summary() + "\n" + r.errorText());
    assertEquals("DebugNoExecution", r.violated());
    assertTrue(r.counterexampleLength() > 1, () -> "trace of " + r.counterexampleLength());
  }
}
