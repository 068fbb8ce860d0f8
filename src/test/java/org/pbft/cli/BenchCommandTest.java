package org.pbft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pbft bench} refuses to start beside something that holds a replica's port. */
class BenchCommandTest {
  @Test
  void aReplicaPortInUseStopsTheBenchBeforeItStartsAnything(@TempDir Path dir) throws Exception {
    try (ServerSocket held = new ServerSocket()) {
      held.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = held.getLocalPort();
      StringWriter err = new StringWriter();
      Path out = dir.resolve("bench");
      int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
          "bench", "--baseline", "--base-port", String.valueOf(port), "--out", out.toString());
      assertEquals(2, exit);
      assertTrue(err.toString().contains("port " + port + " (replica 0's) is in use"),
          err.toString());
      assertTrue(err.toString().contains("--base-port"), err.toString());
      assertTrue(!Files.exists(out.resolve("config")), "nothing was generated");
    }
  }
}
