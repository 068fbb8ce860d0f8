package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.service.KvOperation;

/**
 * A client with no replica running: the operation fails with a report naming every replica as
 * unreachable and saying what to start, and the next operation fails the same way instead of
 * being refused because the first one is still outstanding.
 */
class NoResultTest {

  @Test
  void withNoReplicaRunningTheReportNamesTheUnreachableReplicas() throws Exception {
    int basePort = FreePorts.base();
    GeneratedCluster cluster = Keygen.cluster(4, 1, "127.0.0.1", basePort,
        SecureRandom.getInstance("SHA1PRNG"));
    try (ClientNode client = new ClientNode(cluster.config(), cluster.keysOf(NodeId.client(0)), 0,
        NodeOptions.defaults(), 20)) {
      byte[] put = new KvOperation.Put("k", "v").encode();
      NoResult e = assertThrows(NoResult.class,
          () -> client.invoke(put, Duration.ofMillis(1_200)));
      assertEquals(List.of(0, 1, 2, 3), e.unreachable(), e.getMessage());
      assertEquals(List.of(), e.answered());
      assertTrue(e.waited().toMillis() >= 1_200, e.waited().toString());
      String m = e.getMessage();
      assertTrue(m.contains("replica 2 (127.0.0.1:" + (basePort + 2) + "): unreachable "
          + "(Connection refused)"), m);
      assertTrue(m.contains("only 0 of the 4 replicas accept connections"), m);
      assertTrue(m.contains("Start at least 3 of replicas 0, 1, 2, 3"), m);
      assertTrue(m.matches("(?s)no result after \\d+\\.\\d s \\(client 0, .*"), m);

      NoResult again = assertThrows(NoResult.class,
          () -> client.invokeReadOnly(new KvOperation.Get("k").encode(), Duration.ofMillis(500)));
      assertEquals(List.of(0, 1, 2, 3), again.unreachable(), again.getMessage());
    }
  }
}
