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
 * The multi-process test: 4 replica JVMs on loopback (replica 0 an equivocating primary), a client
 * workload through the view change, replica 3 killed with SIGKILL and restarted, every
 * acknowledged write read back, the replicas stopped and their merged traces validated with TLC.
 */
class DemoIT {
  @TempDir
  Path dir;

  @Test
  void aClusterWithAnEquivocatingPrimaryAndACrashedBackupLosesNoWriteAndItsTracesConform()
      throws Exception {
    Path root = Path.of(System.getProperty("pbft.root", "."));
    StringWriter printed = new StringWriter();
    PrintWriter out = new PrintWriter(printed, true);
    int exit = DemoRun.main(new DemoOptions(dir.resolve("run"), 7400, 40, root), out, out);
    String text = printed.toString();
    assertEquals(0, exit, text);
    assertTrue(text.contains("conforms:"), text);
    assertTrue(text.contains("every acknowledged write is there"), text);
    assertTrue(Files.exists(dir.resolve("run/report.html")), text);
    assertTrue(Files.readString(dir.resolve("run/report.html")).contains("<svg"),
        "the report draws the view change");
  }
}
