package org.pbft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code pbft replica}'s usage errors, caught before it loads anything. */
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
}
