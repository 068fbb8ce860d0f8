package org.pbft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.config.Keygen;

/** {@code pbft replica}'s usage errors, caught before it starts a replica. */
class ReplicaCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  @Test
  void aReadPauseIsForAByzantineReplicaOnly() {
    assertEquals(2, run("replica", "--config", "no-such-dir", "--id", "0",
        "--read-pause-ms", "5"));
    assertTrue(err.toString().contains("--read-pause-ms 5: a pause of 0 or more ms, for a "
        + "Byzantine replica (--byzantine) only"), err.toString());
  }

  @Test
  void aNegativeReadPauseIsRefused() {
    assertEquals(2, run("replica", "--config", "no-such-dir", "--id", "0",
        "--byzantine", "flood", "--read-pause-ms", "-1"));
    assertTrue(err.toString().contains("--read-pause-ms -1"), err.toString());
  }

  @Test
  void unreplicatedNeedsAClusterOfOneAndOneServerNeedsUnreplicated(@TempDir Path dir)
      throws Exception {
    Path four = dir.resolve("four");
    Path one = dir.resolve("one");
    Keygen.generate(4, 1, "127.0.0.1", 7000, four, new SecureRandom());
    Keygen.generate(1, 1, "127.0.0.1", 7000, one, new SecureRandom());
    assertEquals(2, run("replica", "--config", four.toString(), "--id", "0", "--unreplicated"));
    assertTrue(err.toString().contains("--unreplicated: needs a cluster of one replica"),
        err.toString());
    assertEquals(2, run("replica", "--config", one.toString(), "--id", "0"));
    assertTrue(err.toString().contains("tolerates no fault: run it with --unreplicated"),
        err.toString());
  }

  @Test
  void aCheckpointIntervalBeyondWhatAViewChangeCarriesIsRefused(@TempDir Path dir)
      throws Exception {
    Path four = dir.resolve("four");
    Keygen.generate(4, 1, "127.0.0.1", 7000, four, new SecureRandom());
    assertEquals(2, run("replica", "--config", four.toString(), "--id", "0",
        "--checkpoint-interval", "513"));
    assertTrue(err.toString().contains("--checkpoint-interval 513: between 1 and 512"),
        err.toString());
    assertEquals(2, run("replica", "--config", four.toString(), "--id", "0",
        "--checkpoint-interval", "4", "--batches-in-flight", "9"));
    assertTrue(err.toString().contains("--batches-in-flight 9: between 1 and the window of 8"),
        err.toString());
  }
}
