package org.pbft.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.core.SpecAction;

/** The trace format: what a line must hold, and errors that name the file and the line. */
class TraceReaderTest {
  static final String D = "ab".repeat(32);

  @TempDir
  Path dir;

  static String line(long step, int replica, String action, long view, long seq, String digest) {
    return "{\"step\":" + step + ",\"tick\":3,\"replica\":" + replica + ",\"action\":\"" + action
        + "\",\"view\":" + view + ",\"seq\":" + seq + ",\"digest\":"
        + (digest == null ? "null" : "\"" + digest + "\"") + "}";
  }

  private Path file(String... lines) throws Exception {
    Path f = dir.resolve("replica-1.ndjson");
    Files.write(f, List.of(lines));
    return f;
  }

  private TraceFormatException rejected(String... lines) throws Exception {
    Path f = file(lines);
    return assertThrows(TraceFormatException.class, () -> TraceReader.read(f));
  }

  @Test
  void readsTheLinesTheSimulatorWrites() throws Exception {
    Path f = file(line(4, 1, "ReceivePrePrepare", 0, 1, D), "",
        line(9, 1, "StartViewChange", 1, -1, null));
    List<TraceRecord> events = TraceReader.read(f);
    assertEquals(2, events.size());
    TraceRecord e = events.get(0);
    assertEquals(SpecAction.ReceivePrePrepare, e.action());
    assertEquals(4, e.step());
    assertEquals(3, e.tick());
    assertEquals(1, e.seq());
    assertEquals(D, e.digest());
    assertEquals(3, events.get(1).line(), "blank lines count in line numbers");
    assertNull(events.get(1).digest());
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws Exception {
    TraceFormatException e = rejected(line(1, 1, "SendCommit", 0, 1, D), "{\"step\":2,");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith(dir.resolve("replica-1.ndjson") + ":2: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("column"), e.getMessage());
  }

  @Test
  void unknownActionIsRejected() throws Exception {
    TraceFormatException e = rejected(line(1, 1, "ReceivePrepare", 0, 1, D));
    assertTrue(e.getMessage().contains(":1: \"action\" \"ReceivePrepare\" is not a spec action"),
        e.getMessage());
  }

  @Test
  void missingFieldIsNamed() throws Exception {
    TraceFormatException e = rejected("{\"step\":1,\"replica\":1,\"action\":\"Execute\"}");
    assertTrue(e.getMessage().contains("missing field \"view\""), e.getMessage());
  }

  @Test
  void anActionWithoutItsArgumentsIsRejected() throws Exception {
    TraceFormatException e = rejected(line(1, 1, "SendCommit", 0, 1, null));
    assertTrue(e.getMessage().contains("SendCommit needs a view >= 0, a seq >= 1 and a digest"),
        e.getMessage());
    e = rejected(line(1, 1, "StartViewChange", 0, -1, null));
    assertTrue(e.getMessage().contains("a view >= 1"), e.getMessage());
  }

  @Test
  void badDigestAndNonIntegersAreRejected() throws Exception {
    assertTrue(rejected(line(1, 1, "Execute", 0, 1, "xyz")).getMessage()
        .contains("64 lowercase hex digits"));
    assertTrue(rejected("{\"step\":1.5}").getMessage().contains("integers"));
    assertTrue(rejected("{\"step\":\"1\",\"replica\":1}").getMessage()
        .contains("\"step\" must be an integer"));
  }

  @Test
  void stepsMustNotGoBackAndOneFileHoldsOneReplica() throws Exception {
    TraceFormatException e = rejected(line(5, 1, "SendCommit", 0, 1, D),
        line(4, 1, "Execute", 0, 1, D));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("step 4 goes back (line 1 has step 5)"), e.getMessage());
    e = rejected(line(5, 1, "SendCommit", 0, 1, D), line(6, 2, "Execute", 0, 1, D));
    assertTrue(e.getMessage().contains("one file holds one replica's events"), e.getMessage());
  }
}
