package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.config.NodeKeys;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;

/**
 * Several clients in one node (the asynchronous client): their operations are outstanding at
 * once over one connection to each replica, and each client's results are its own.
 */
class ClientGroupTest {
  private static final int CLIENTS = 6;
  private final List<ReplicaNode> replicas = new ArrayList<>();
  private ClientNode group;

  @AfterEach
  void stop() {
    if (group != null) {
      group.close();
    }
    replicas.forEach(ReplicaNode::close);
  }

  @Test
  void clientsOfOneNodeShareItsConnectionsAndEachGetsItsOwnResults() throws Exception {
    GeneratedCluster cluster = Keygen.cluster(4, CLIENTS, "127.0.0.1", FreePorts.base(),
        SecureRandom.getInstance("SHA1PRNG"));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    for (int i = 0; i < 4; i++) {
      replicas.add(new ReplicaNode(cluster.config(), cluster.keysOf(NodeId.replica(i)),
          Peer.correct(new Replica(i, ReplicaConfig.forShortRuns(4), new KeyValueStore())),
          true, NodeOptions.defaults(), null, new NodeLog("replica " + i, quiet)));
    }
    List<NodeKeys> keys = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      keys.add(cluster.keysOf(NodeId.client(c)));
      indices.add(c);
    }
    group = ClientNode.group(cluster.config(), keys, indices, NodeOptions.defaults(), 100);
    List<ClientNode.Session> sessions = group.sessions();

    for (int round = 0; round < 5; round++) {
      List<CompletableFuture<ClientNode.Completion>> all = new ArrayList<>();
      for (ClientNode.Session s : sessions) { // all outstanding at once
        all.add(s.submit(new KvOperation.Put("k" + s.index(), s.index() + "-" + round)
            .encode()));
      }
      for (int c = 0; c < CLIENTS; c++) {
        String previous = KvResult.decode(all.get(c).get(30, TimeUnit.SECONDS).result()).value();
        assertEquals(round == 0 ? null : c + "-" + (round - 1), previous,
            "client " + c + " sees its own key's last value");
      }
    }
    for (ClientNode.Session s : sessions) {
      assertEquals(s.index() + "-4", KvResult.decode(s.invoke(
          new KvOperation.Get("k" + s.index()).encode(), Duration.ofSeconds(30)).result())
          .value());
    }
    assertEquals(4, group.transport().connects(), "one connection to each replica for all "
        + CLIENTS + " clients");
    assertThrows(IllegalStateException.class, () -> group.submit(new byte[0]),
        "a node of several clients has no single client to submit for");
  }
}
