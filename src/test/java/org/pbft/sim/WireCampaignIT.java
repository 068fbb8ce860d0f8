package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.trace.TraceSink;
import org.pbft.wire.DropReason;

/**
 * The simulator through the real wire ({@link Simulation.Wire#SEALED}): every message sealed and
 * opened by the nodes' own SecureChannels with real keys, and the Byzantine replica also
 * attacking its frames (cut short, over the size limit, tampered with under a valid MAC, replayed,
 * from an older incarnation; {@link WireAttacks}). Every strategy of the rotation and the flood
 * must pass every check, and each attack must be refused by the receivers' channels under its
 * own reason. A channel that keeps no signature as evidence must be caught: correct VIEW-CHANGEs
 * then show certificates with missing signatures, which receivers refuse, and the view change
 * away from a silent primary never completes.
 */
class WireCampaignIT {
  private static final int SEEDS = 24;

  @Test
  void everyStrategyPassesOnTheRealWireAndEveryFrameAttackIsRefused() {
    Campaign.Totals t = new Campaign(SimParams.defaults(), Strategies.ALL,
        Simulation.Wire.SEALED).run(1, SEEDS, s -> TraceSink.NONE, r -> { });
    assertEquals(0, t.failed(), "failed seeds on the real wire");
    for (DropReason reason : List.of(DropReason.OVERSIZED, DropReason.TRUNCATED,
        DropReason.BAD_MAC, DropReason.BAD_SIGNATURE, DropReason.REPLAYED,
        DropReason.UNKNOWN_SENDER)) {
      assertTrue(t.refusedFrames().getOrDefault(reason, 0L) > 0,
          reason + " never refused: " + t.refusedFrames());
    }
  }

  @Test
  void aFloodThroughTheRealWireIsOutlasted() {
    Campaign.Totals t = new Campaign(SimParams.defaults(), "flood", Simulation.Wire.SEALED)
        .run(1, 4, s -> TraceSink.NONE, r -> { });
    assertEquals(0, t.failed());
    assertTrue(t.stats().viewChanges() >= 4, "each run voted the flooder out: " + t.stats());
  }

  @Test
  void aChannelThatKeepsNoEvidenceIsCaught() {
    List<RunResult> failed = new ArrayList<>();
    new Campaign(SimParams.defaults(), "silent", Simulation.Wire.SEALED_WITHOUT_EVIDENCE)
        .run(1, 8, s -> TraceSink.NONE, failed::add);
    assertTrue(!failed.isEmpty(), "no seed failed without evidence");
    for (RunResult r : failed) {
      assertEquals("Liveness", r.violations().get(0).check(), r.violations().toString());
    }
    System.out.println("WireCampaignIT: without evidence " + failed.size() + " of 8 seeds fail, "
        + "first: " + failed.get(0).violations().get(0) + "; frames refused "
        + failed.get(0).refusedFrames());
  }
}
