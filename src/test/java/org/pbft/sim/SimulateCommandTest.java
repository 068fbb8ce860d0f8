package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.cli.Main;

/** {@code pbft simulate} through the command line. */
class SimulateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void passingSeedsPrintATotalAndExitZero() {
    assertEquals(0, run("simulate", "--seeds", "3..5", "--byzantine", "all"), err.toString());
    String text = out.toString();
    assertTrue(text.startsWith("PASS 3 seeds (3..5, n = 4, byzantine all), 0 failed: 270 requests, "),
        text);
    assertTrue(text.contains("view changes"), text);
    assertTrue(text.contains("checkpoints"), text);
    assertTrue(text.contains("state transfers"), text);
    assertTrue(text.contains("0 violations"), text);
    assertTrue(text.contains("committed requests/s"), text);
  }

  @Test
  void aViolationPrintsTheSeedThatReplaysItAndExitsOne() {
    assertEquals(1, run("simulate", "--seeds", "1..2", "--byzantine", "silent",
        "--liveness-bound", "1"));
    String text = out.toString();
    assertTrue(text.contains("FAIL seed 1 (silent at replica 0): Liveness: "), text);
    assertTrue(text.contains("replay: ./pbft simulate --seeds 1 --byzantine silent "
        + "--liveness-bound 1"), text);
    assertTrue(text.contains("FAIL 2 seeds (1..2, n = 4, byzantine silent), 2 failed"), text);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run("simulate", "--byzantine", "nobody"));
    assertTrue(err.toString().contains("no Byzantine strategy 'nobody'"), err.toString());
    assertEquals(2, run("simulate", "--seeds", "9..3"));
    assertEquals(2, run("simulate", "--seeds", "x"));
    assertEquals(2, run("simulate", "--loss", "1.5"));
    assertTrue(err.toString().contains("--loss takes a probability in [0, 1)"), err.toString());
  }

  @Test
  void sevenReplicasHaveTwoByzantineOnesAndTheReplayNamesN() {
    assertEquals(1, run("simulate", "--seeds", "1", "--n", "7", "--byzantine", "silent",
        "--liveness-bound", "1"));
    String text = out.toString();
    assertTrue(text.contains("FAIL seed 1 (silent at replicas "), text);
    assertTrue(text.contains("replay: ./pbft simulate --seeds 1 --byzantine silent --n 7 "
        + "--liveness-bound 1"), text);
    assertTrue(text.contains("(1, n = 7, byzantine silent)"), text);
  }

  @Test
  void aGroupThatIsNotThreeFPlusOneOrTooManyFaultyIsAUsageError() {
    assertEquals(2, run("simulate", "--n", "6"));
    assertTrue(err.toString().contains("--n takes 3f + 1 replicas"), err.toString());
    assertEquals(2, run("simulate", "--n", "7", "--faulty", "3"));
    assertTrue(err.toString().contains("--faulty takes 0..2 for n = 7, not 3"), err.toString());
  }

  @Test
  void lossAndPartitionsAreChosenAndReplayed() {
    assertEquals(1, run("simulate", "--seeds", "1", "--byzantine", "silent", "--loss", "0.2",
        "--partition-rate", "0", "--liveness-bound", "1"));
    assertTrue(out.toString().contains("replay: ./pbft simulate --seeds 1 --byzantine silent "
        + "--liveness-bound 1 --loss 0.2 --partition-rate 0.0"), out.toString());
  }

  @Test
  void traceWritesOneNdjsonFilePerReplicaAndSeed(@TempDir Path dir) throws IOException {
    // Seed 3 has no view change: NEW-VIEW events carry V and O, which the pattern leaves out.
    assertEquals(0, run("simulate", "--seeds", "3", "--byzantine", "none", "--ops", "5",
        "--trace", dir.toString()));
    Path seedDir = dir.resolve("seed-3");
    for (int replica = 0; replica < 4; replica++) {
      int i = replica;
      List<String> lines = Files.readAllLines(seedDir.resolve("replica-" + i + ".ndjson"));
      assertTrue(lines.size() > 0);
      assertTrue(lines.stream().allMatch(l -> l.matches("\\{\"step\":\\d+,\"tick\":\\d+,"
          + "\"replica\":" + i + ",\"action\":\"[A-Za-z]+\",\"view\":-?\\d+,\"seq\":-?\\d+,"
          + "\"digest\":(null|\"[0-9a-f]{64}\")}")), lines.get(0));
      assertTrue(lines.stream().anyMatch(l -> l.contains("\"action\":\"Execute\"")));
    }
  }
}
