package org.pbft.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.SpecAction;
import org.pbft.node.GroupCheck;
import org.pbft.trace.TraceRecord;

/** The demo reads where each replica ended from its trace, and the group check sees a stray. */
class TracedPositionsTest {
  private static int line;

  private static TraceRecord e(int replica, SpecAction a, long view, long seq) {
    line++;
    return new TraceRecord(Path.of("t.ndjson"), line, line, line, replica, a, view, seq, null);
  }

  @Test
  void aReplicaThatMovedAloneToALaterViewIsOutOfTheGroup() {
    List<TraceRecord> run = List.of(
        e(1, SpecAction.Execute, 0, 1), e(2, SpecAction.Execute, 0, 1),
        e(3, SpecAction.Execute, 0, 1),
        e(1, SpecAction.StartViewChange, 1, -1), e(2, SpecAction.JoinViewChange, 1, -1),
        e(3, SpecAction.JoinViewChange, 1, -1), e(1, SpecAction.SendNewView, 1, 0),
        e(2, SpecAction.ReceiveNewView, 1, 0), e(2, SpecAction.Execute, 1, 2),
        e(1, SpecAction.Execute, 1, 2), e(3, SpecAction.StartViewChange, 2, -1));
    GroupCheck.Verdict v = GroupCheck.check(TracedPositions.of(run), 4);
    assertEquals(List.of("replica 3 left the group: view 2 waiting for its NEW-VIEW against 1"),
        v.departures());
    assertEquals("replica 1: view 1, executed up to 2", v.positions().get(0));
  }

  @Test
  void replicasThatEnteredTheViewTogetherAreWhole() {
    List<TraceRecord> run = List.of(
        e(1, SpecAction.StartViewChange, 1, -1), e(2, SpecAction.StartViewChange, 1, -1),
        e(3, SpecAction.JoinViewChange, 1, -1), e(1, SpecAction.SendNewView, 1, 0),
        e(2, SpecAction.ReceiveNewView, 1, 0), e(3, SpecAction.ReceiveNewView, 1, 0),
        e(3, SpecAction.Restart, 1, 0), e(1, SpecAction.Execute, 1, 1),
        e(2, SpecAction.Execute, 1, 1), e(3, SpecAction.StateTransfer, 1, 1));
    assertTrue(GroupCheck.check(TracedPositions.of(run), 4).whole());
  }
}
