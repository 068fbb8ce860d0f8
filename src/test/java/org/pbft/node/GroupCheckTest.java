package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmark's check that every correct replica stayed in the group. */
class GroupCheckTest {
  private static ReplicaPosition at(long millis, long view, boolean normal, long executed) {
    return new ReplicaPosition(millis, view, normal, executed, 0);
  }

  @Test
  void aGroupThatChangedViewTogetherIsWhole() {
    GroupCheck.Verdict v = GroupCheck.check(Map.of(
        0, List.of(at(1, 0, true, 10), at(2, 1, true, 500)),
        1, List.of(at(1, 0, true, 10), at(2, 1, true, 490)),
        2, List.of(at(1, 0, true, 10), at(2, 1, true, 500)),
        3, List.of(at(1, 0, true, 10), at(2, 1, true, 470))), 32);
    assertTrue(v.whole(), v.departures().toString());
    assertEquals(4, v.positions().size());
    assertTrue(v.positions().get(0).startsWith("replica 0: view 1, executed up to 500"));
  }

  /** The run of issue 32: the primary of view 0 climbed alone while the others entered view 1. */
  @Test
  void aReplicaThatClimbedAloneLeftTheGroupWhenItLeftTheOthersView() {
    GroupCheck.Verdict v = GroupCheck.check(Map.of(
        0, List.of(at(1_000, 0, true, 10), at(2_000, 1, false, 10), at(3_000, 2, false, 10),
            at(9_000, 7, false, 200)),
        1, List.of(at(1_000, 0, true, 10), at(3_000, 1, true, 300), at(9_000, 1, true, 900)),
        2, List.of(at(1_000, 0, true, 10), at(9_000, 1, true, 900)),
        3, List.of(at(1_000, 0, true, 10), at(9_000, 1, true, 890))), 32);
    assertFalse(v.whole());
    assertEquals(1, v.departures().size());
    String expectedClock = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
        .withZone(java.time.ZoneId.systemDefault()).format(java.time.Instant.ofEpochMilli(2_000));
    assertEquals("replica 0 left the group at " + expectedClock
        + ": view 7 waiting for its NEW-VIEW against 1", v.departures().get(0));
  }

  @Test
  void aReplicaInTheViewButFarBehindHasFallenOut() {
    GroupCheck.Verdict v = GroupCheck.check(Map.of(
        0, List.of(at(1, 0, true, 1000)),
        1, List.of(at(1, 0, true, 1000)),
        2, List.of(at(1, 0, true, 1000)),
        3, List.of(at(1, 0, true, 900))), 32);
    assertEquals(List.of("replica 3 fell behind: executed up to 900 against 1000, more than a"
        + " checkpoint interval (32)"), v.departures());
  }

  @Test
  void aReplicaWithoutPositionsIsReportedNotAssumedPresent() {
    GroupCheck.Verdict v = GroupCheck.check(Map.of(0, List.of(), 1, List.of(at(1, 0, true, 5))),
        32);
    assertFalse(v.whole());
  }

  @Test
  void aPositionRoundTripsThroughACountersLineAndALineWithoutOneHasNone() {
    WorkCounters w = new WorkCounters(77, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    ReplicaPosition p = new ReplicaPosition(77, 3, false, 41, 2);
    String line = w.toLine() + " " + p.toLine();
    assertEquals(Optional.of(p), ReplicaPosition.parse(line));
    assertEquals(w, WorkCounters.parse(line));
    assertEquals(Optional.empty(), ReplicaPosition.parse(w.toLine()));
  }
}
