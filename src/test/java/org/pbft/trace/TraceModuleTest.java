package org.pbft.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pbft.core.SpecAction;
import org.pbft.core.message.Batch;

/** The generated TraceData module: labels, constants from the trace, one event a line. */
class TraceModuleTest {
  private static final String EMPTY = HexFormat.of().formatHex(Batch.nullDigest().bytes());

  private static TraceRecord e(SpecAction a, int replica, long v, long n, String d) {
    return new TraceRecord(Path.of("t.ndjson"), 1, 1, -1, replica, a, v, n, d);
  }

  @Test
  void digestsBecomeLabelsAndTheEmptyBatchIsMarked() {
    String x = "11".repeat(32);
    String y = "22".repeat(32);
    List<TraceRecord> events = List.of(
        e(SpecAction.SendPrePrepare, 0, 0, 1, x),
        e(SpecAction.ReceivePrePrepare, 1, 0, 1, x),
        e(SpecAction.SendPrePrepare, 0, 0, 2, y),
        e(SpecAction.ReceiveNewView, 1, 3, 0, null),
        e(SpecAction.Execute, 1, 3, 5, EMPTY),
        e(SpecAction.StableCheckpoint, 1, -1, 4, x));
    TraceModule m = new TraceModule(events, new TraceParams(4, 1, 4, 8, Set.of(2)));
    String text = m.text(0);
    assertTrue(text.contains("TraceRequests == {\"b1\", \"b2\"}"), text);
    assertTrue(text.contains("TraceByz == {2}"), text);
    assertTrue(text.contains("TraceMaxView == 3\nTraceMaxSeq == 5"), text);
    assertTrue(text.contains("StopAt == 0"), text);
    assertTrue(text.contains("E(\"Execute\", 1, 3, 5, \"empty\"),"), text);
    assertTrue(text.contains("E(\"StableCheckpoint\", 1, -1, 4, \"s1\")\n>>"),
        "a state digest gets its own label even when it equals a batch digest: " + text);
    assertTrue(text.contains("E(\"ReceiveNewView\", 1, 3, 0, \"none\"),"), text);
    assertEquals("b2", m.label(events.get(2)));
  }

  /** A restart's seq is the spec's k; it names no request, even if a digest were logged. */
  @Test
  void aRestartIsAnEventWithItsViewAndSeqAndNoRequest() {
    String x = "11".repeat(32);
    List<TraceRecord> events = List.of(
        e(SpecAction.Execute, 1, 0, 1, x),
        e(SpecAction.Restart, 1, 0, 1, null),
        e(SpecAction.Restart, 1, 0, 1, "22".repeat(32)));
    TraceModule m = new TraceModule(events, new TraceParams(4, 1, 4, 8, Set.of(0)));
    String text = m.text(0);
    assertTrue(text.contains("E(\"Restart\", 1, 0, 1, \"none\"),"), text);
    assertTrue(text.contains("E(\"Restart\", 1, 0, 1, \"none\")\n>>"), text);
    assertTrue(text.contains("TraceRequests == {\"b1\"}"), text);
  }

  @Test
  void aNewViewEventGetsItsVAndOWithLabelsAndCountsForTheMaxima() {
    String x = "11".repeat(32);
    String s = "33".repeat(32);
    TracedNewView nv = new TracedNewView(
        List.of(new TracedNewView.ViewChange(2, 4, s,
            List.of(new TracedNewView.Certificate(9, 6, x)))),
        List.of(new TracedNewView.PrePrepare(5, EMPTY), new TracedNewView.PrePrepare(9, x)));
    TraceRecord e = new TraceRecord(Path.of("t.ndjson"), 1, 1, -1, 1, SpecAction.SendNewView, 7,
        4, s, nv);
    String text = new TraceModule(List.of(e), new TraceParams(4, 1, 4, 8, Set.of(2))).text(0);
    assertTrue(text.contains("TraceMaxView == 7\nTraceMaxSeq == 9"), text);
    assertTrue(text.contains("NV(\"SendNewView\", 1, 7, 4, \"s1\",\n"
        + "      <<[replica |-> 2, seq |-> 4, state |-> \"s1\", "
        + "P |-> {[seq |-> 9, view |-> 6, digest |-> \"b1\"]}]>>,\n"
        + "      <<<<5, \"empty\">>, <<9, \"b1\">>>>)\n>>"), text);
  }
}
