package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;

class SecureChannelSetupTest {

  @Test
  void keysOfAnotherClusterAreRefused() throws Exception {
    GeneratedCluster ours = TestCluster.generate();
    GeneratedCluster theirs = Keygen.cluster(4, 2, "127.0.0.1", 7000, new SecureRandom());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SecureChannel(ours.config(), theirs.keysOf(NodeId.replica(1)),
            Limits.defaults()));
    assertTrue(e.getMessage().contains("does not match its public key"), e.getMessage());
  }

  @Test
  void sealingToANodeOutsideTheClusterIsAProgrammingError() {
    TestCluster cluster = new TestCluster();
    assertThrows(IllegalArgumentException.class, () -> cluster.seal(
        NodeId.client(0), NodeId.client(1), new org.pbft.core.message.FetchState(0, 0)));
    assertThrows(IllegalArgumentException.class, () -> cluster.seal(
        NodeId.replica(0), NodeId.replica(7), new org.pbft.core.message.FetchState(0, 0)));
  }
}
