package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IgnoreTallyTest {

  @Test
  void countsByReasonAndShowsOnlyTheReasonsSeen() {
    IgnoreTally tally = new IgnoreTally();
    assertEquals(Map.of(), tally.nonZero());
    assertEquals("{}", tally.toString());
    tally.add(IgnoreReason.STALE);
    tally.add(IgnoreReason.DUPLICATE);
    tally.add(IgnoreReason.STALE);
    assertEquals(2, tally.count(IgnoreReason.STALE));
    assertEquals(0, tally.count(IgnoreReason.WRONG_VIEW));
    assertEquals(Map.of(IgnoreReason.STALE, 2L, IgnoreReason.DUPLICATE, 1L), tally.nonZero());
    assertEquals("{DUPLICATE=1, STALE=2}", tally.toString());
  }
}
