package org.pbft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.node.FreePorts;

/**
 * {@code pbft client} without replicas: a clear report and exit code 1, no stack trace; its
 * timestamp file next to the key file, and the errors about that file.
 */
class ClientCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private int basePort;

  @BeforeEach
  void keys() throws Exception {
    basePort = FreePorts.base();
    assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
        "keygen", "--n", "4", "--clients", "1", "--out", dir.toString(),
        "--base-port", Integer.toString(basePort)), err.toString());
  }

  private int client(String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(new String[] {"client", "--config", dir.toString(), "--workload", "2",
        "--timeout", }, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void withoutReplicasItSaysWhichAreUnreachableAndWhatToStart() {
    assertEquals(1, client("1"));
    String e = err.toString();
    assertTrue(e.contains("after 0 completed operations of the workload: no result after"), e);
    assertTrue(e.contains("replica 3 (127.0.0.1:" + (basePort + 3) + "): unreachable "
        + "(Connection refused)"), e);
    assertTrue(e.contains("Start at least 3 of replicas 0, 1, 2, 3 (./pbft replica --config " + dir
        + " --id I)"), e);
    assertFalse(e.contains("Exception") || e.contains("\tat "), e);
    assertTrue(Files.isRegularFile(dir.resolve("client-0.timestamp")));
  }

  @Test
  void aDamagedTimestampFileIsReplacedWithAWarning() throws Exception {
    Path file = dir.resolve("client-0.timestamp");
    Files.writeString(file, "garbage\n");
    assertEquals(1, client("1"));
    assertTrue(err.toString().contains("pbft client: warning: " + file + " is damaged"),
        err.toString());
    assertTrue(Files.readString(file).contains("reserved "));
  }

  @Test
  void aTimestampFileThatCannotBeReadStopsTheClient() throws Exception {
    Path file = dir.resolve("client-0.timestamp");
    Files.createDirectory(file);
    assertEquals(2, client("1"));
    assertTrue(err.toString().startsWith("pbft client: " + file + ": cannot read"),
        err.toString());
  }

  @Test
  void dataPutsTheTimestampFileElsewhere() throws Exception {
    Path data = dir.resolve("state");
    assertEquals(1, client("1", "--data", data.toString()));
    assertTrue(Files.isRegularFile(data.resolve("client-0.timestamp")));
    assertFalse(Files.exists(dir.resolve("client-0.timestamp")));
  }
}
