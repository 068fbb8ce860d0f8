package org.pbft.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.core.SpecAction;
import org.pbft.core.TraceEvent;
import org.pbft.core.message.Digest;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Request;
import org.pbft.core.message.ViewChange;

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

  /** A restart logs view 0 and seq 0 when it has executed nothing, and continues the file. */
  @Test
  void aRestartCarriesAViewAndTheLastSequenceNumberExecuted() throws Exception {
    List<TraceRecord> events = TraceReader.read(file(line(4, 1, "Execute", 0, 1, D),
        line(9, 1, "Restart", 0, 1, null), line(10, 1, "Restart", 0, 1, null)));
    assertEquals(SpecAction.Restart, events.get(1).action());
    assertEquals(1, events.get(1).seq());
    assertTrue(TraceReader.read(file(line(1, 1, "Restart", 0, 0, null))).size() == 1,
        "a restart before any execution");
    TraceFormatException e = rejected(line(1, 1, "Restart", 0, -1, null));
    assertTrue(e.getMessage().contains(
        "Restart needs a view >= 0 and a seq >= 0 (the last sequence number executed)"),
        e.getMessage());
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

  private static String hex(Digest d) {
    return HexFormat.of().formatHex(d.bytes());
  }

  /** What the simulator writes for a NEW-VIEW is read back as V and O. */
  @Test
  void aNewViewEventCarriesVAndO() throws Exception {
    Digest state = Digest.of(new byte[] {7});
    PrePrepare prepared = PrePrepare.of(0, 5, List.of(new Request(1, 1, new byte[] {1})));
    PrePrepare gap = PrePrepare.of(1, 4, List.of());
    NewView nv = new NewView(1, List.of(
        new ViewChange(1, 3, state, List.of(), List.of(new PreparedCertificate(prepared,
            List.of())), 1),
        new ViewChange(1, 0, state, List.of(), List.of(), 2)),
        List.of(gap, new PrePrepare(1, 5, prepared.digest(), prepared.requests())));
    try (NdjsonTrace trace = new NdjsonTrace(dir)) {
      trace.record(9, 42, new TraceEvent(SpecAction.SendNewView, 1, 1, 3, state, nv));
    }
    TraceRecord e = TraceReader.read(dir.resolve("replica-1.ndjson")).get(0);
    assertEquals(new TracedNewView(
        List.of(new TracedNewView.ViewChange(1, 3, hex(state),
                List.of(new TracedNewView.Certificate(5, 0, hex(prepared.digest())))),
            new TracedNewView.ViewChange(2, 0, hex(state), List.of())),
        List.of(new TracedNewView.PrePrepare(4, hex(gap.digest())),
            new TracedNewView.PrePrepare(5, hex(prepared.digest())))), e.newView());
    assertEquals(3, e.seq());
    assertEquals(hex(state), e.digest());
  }

  private static String newView(String v, String o) {
    String l = line(1, 1, "ReceiveNewView", 1, 0, null);
    return l.substring(0, l.length() - 1) + (v == null ? "" : ",\"V\":" + v)
        + (o == null ? "" : ",\"O\":" + o) + "}";
  }

  @Test
  void aNewViewWithoutVOrWithAMalformedVIsRejectedWithThePlace() throws Exception {
    assertTrue(rejected(newView(null, "[]")).getMessage().contains(":1: missing field \"V\""));
    TraceFormatException e = rejected(line(1, 1, "SendCommit", 0, 1, D),
        newView("[[1,0,\"" + D + "\"]]", "[]"));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("\"V[0]\" must have 4 items, not 3"), e.getMessage());
    e = rejected(newView("[[1,0,\"" + D + "\",[[5,0,\"ab\"]]]]", "[]"));
    assertTrue(e.getMessage().contains("\"V[0][3][0][2]\" must be 64 lowercase hex digits"),
        e.getMessage());
    e = rejected(newView("[[1,0,\"" + D + "\",[]]]", "[[0,\"" + D + "\"]]"));
    assertTrue(e.getMessage().contains("\"O[0][0]\" must be an integer >= 1"), e.getMessage());
    assertTrue(rejected(newView("[]", "[]")).getMessage().contains("at least one VIEW-CHANGE"));
  }

  @Test
  void arraysMustBeWellFormedAndNotTooDeep() throws Exception {
    assertTrue(rejected(newView("[[1,0", "[]")).getMessage().contains("not a JSON object"));
    assertTrue(rejected(newView("[1 2]", "[]")).getMessage().contains("expected ',' or ']'"));
    assertTrue(rejected(newView("[{\"a\":1}]", "[]")).getMessage()
        .contains("nested objects are not part of the trace format"));
    String deep = "[".repeat(FlatJson.MAX_DEPTH + 1) + "]".repeat(FlatJson.MAX_DEPTH + 1);
    assertTrue(rejected(newView(deep, "[]")).getMessage().contains("nested more than"));
  }
}
