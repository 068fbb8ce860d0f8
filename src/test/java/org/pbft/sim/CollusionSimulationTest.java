package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.IgnoreReason;
import org.pbft.trace.TraceSink;

/**
 * Two faulty replicas of seven following one plan: the primary equivocates, the other backs each
 * version toward its part. The five correct replicas keep every check, and refuse the
 * certificates the coalition forges for the version that did not gather a quorum.
 */
class CollusionSimulationTest {

  @Test
  void aColludingPrimaryAndBackerBreakNothingAtSeven() {
    List<String> failed = new ArrayList<>();
    long forged = 0;
    long views = 0;
    for (long seed = 1; seed <= 12; seed++) {
      RunResult r = new Campaign(SimParams.defaults(7), "collude").runSeed(seed, TraceSink.NONE);
      if (!r.passed()) {
        failed.add(seed + ": " + r.violations());
      }
      assertEquals(2, r.byzantineReplicas().size());
      assertEquals(0, r.byzantineReplicas().get(0));
      forged += r.ignored(IgnoreReason.INVALID_CERTIFICATE);
      views += r.stats().viewChanges();
    }
    assertEquals(List.of(), failed);
    assertTrue(views > 0, "the equivocations cost view changes");
    assertTrue(forged > 0, "the coalition's certificates for the losing version were refused");
  }
}
