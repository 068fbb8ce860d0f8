package org.pbft.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-process test: 4 replica JVMs on loopback (replica 0 an equivocating primary, the
 * others with data directories), a client workload through the view change, backups 3 and 2
 * killed with SIGKILL under load and restarted from their logs, all four killed at once and
 * restarted, every acknowledged write read back, the replicas stopped and the whole merged traces
 * of the correct replicas, restarts included, validated with TLC.
 */
class DemoIT {
  @TempDir
  Path dir;

  @Test
  void aClusterWithAnEquivocatingPrimaryAndCrashedReplicasLosesNoWriteAndItsTracesConform()
      throws Exception {
    Path root = Path.of(System.getProperty("pbft.root", "."));
    StringWriter printed = new StringWriter();
    PrintWriter out = new PrintWriter(printed, true);
    int exit = DemoRun.main(new DemoOptions(dir.resolve("run"), 7400, 40, root), out, out);
    String text = printed.toString();
    assertEquals(0, exit, text);
    assertTrue(text.contains("conforms:"), text);
    assertTrue(text.contains("every acknowledged write is there"), text);
    assertTrue(text.contains("killed all four replicas at once"), text);
    assertTrue(text.contains("restarted replica 3 from its data directory"), text);
    assertTrue(text.contains("restarted replica 2 from its data directory"), text);
    assertTrue(text.contains("replica 3 caught up"), text);
    assertTrue(text.contains("replica 2 caught up"), text);
    // Two rolling restarts and three after the power cut: every correct replica's trace holds
    // its Restart events, and the whole merged trace conforms.
    assertTrue(text.matches("(?s).*before and after their 5 restarts.*"), text);
    assertTrue(text.contains("6 / 5, each from its data directory"), text);
    assertTrue(!text.contains("(0 from a snapshot"), "some restarts replay a snapshot: " + text);
    assertTrue(Files.exists(dir.resolve("run/report.html")), text);
    String report = Files.readString(dir.resolve("run/report.html"));
    assertTrue(report.contains("<svg"), "the report draws the run");
    // Two rolling kills and three correct replicas in the power cut, each then restarted.
    assertEquals(5, report.split("data-mark=\"crash\"", -1).length - 1, "crashes marked");
    assertEquals(5, report.split("data-mark=\"restart\"", -1).length - 1, "restarts marked");
    // The faulty primary sends different PRE-PREPAREs for one slot to different backups (from
    // its second request on, it has an earlier one to send instead): receivers accepted both.
    assertTrue(report.contains("data-mark=\"equivocation\""), "the equivocation is marked");
  }
}
