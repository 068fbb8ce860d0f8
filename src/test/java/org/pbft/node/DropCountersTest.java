package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.wire.DropReason;
import org.pbft.wire.Limits;
import org.pbft.wire.SecureChannel;

/** Refused frames are counted by reason, and the summary says why the first of each was. */
class DropCountersTest {
  @Test
  void theFirstRefusalOfEachReasonIsKeptWithItsCount() throws Exception {
    GeneratedCluster cluster = Keygen.cluster(4, 1, "127.0.0.1", 7000,
        new java.security.SecureRandom(new byte[] {1}));
    SecureChannel channel = new SecureChannel(cluster.config(),
        cluster.keysOf(NodeId.replica(0)), Limits.defaults());
    DropCounters drops = new DropCounters();
    assertNull(drops.first(DropReason.TRUNCATED));
    assertNull(drops.open(channel, new byte[0]));
    assertNull(drops.open(channel, new byte[] {3, 0})); // version 3, then nothing
    assertEquals(2L, drops.nonZero().get(DropReason.TRUNCATED));
    String first = drops.first(DropReason.TRUNCATED);
    assertTrue(first != null && !first.isEmpty(), "no reason kept");
    assertTrue(drops.describe().contains("TRUNCATED=2"), drops.describe());
    assertTrue(drops.describe().contains("first TRUNCATED: " + first), drops.describe());
  }
}
