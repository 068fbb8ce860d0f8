package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.client.TimestampSource;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;

/**
 * Four replica nodes and a client in this JVM over loopback TCP, with the real wire and
 * cryptography: a workload completes and reads back its writes, and garbage sent to a replica is
 * dropped and counted without stopping it; a second session of the same client id is served at
 * once.
 */
class InProcessClusterTest {
  private final List<ReplicaNode> replicas = new ArrayList<>();
  private ClientNode client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    replicas.forEach(ReplicaNode::close);
  }

  @TempDir
  Path data;

  private GeneratedCluster startReplicas() throws Exception {
    int basePort = FreePorts.base();
    GeneratedCluster cluster = Keygen.cluster(4, 1, "127.0.0.1", basePort,
        SecureRandom.getInstance("SHA1PRNG"));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    for (int i = 0; i < 4; i++) {
      Peer peer = Peer.correct(new Replica(i, ReplicaConfig.forShortRuns(4),
          new KeyValueStore()));
      replicas.add(new ReplicaNode(cluster.config(), cluster.keysOf(NodeId.replica(i)), peer,
          true, NodeOptions.defaults(), null, new NodeLog("replica " + i, quiet)));
    }
    return cluster;
  }

  private static ClientNode session(GeneratedCluster cluster, TimestampSource timestamps) {
    return new ClientNode(cluster.config(), cluster.keysOf(NodeId.client(0)), 0,
        NodeOptions.defaults(), 100, timestamps);
  }

  @Test
  void aWorkloadCompletesAndGarbageIsDroppedAndCounted() throws Exception {
    GeneratedCluster cluster = startReplicas();
    int basePort = cluster.config().address(0).getPort();
    client = new ClientNode(cluster.config(), cluster.keysOf(NodeId.client(0)), 0,
        NodeOptions.defaults(), 100);
    KvWorkload workload = new KvWorkload(client, "k", 4, Duration.ofSeconds(30));
    workload.run(20, c -> { });

    sendGarbage(basePort);
    workload.run(20, c -> { });
    assertEquals(4, workload.verifyAcknowledgedWrites());
    assertEquals(List.of(), workload.anomalies());
    assertTrue(replicas.get(0).drops().total() >= 1, replicas.get(0).summary());
    // A backup is prepared with one other backup's PREPARE: the other one comes too late.
    assertTrue(replicas.stream().mapToLong(ReplicaNode::needlessPrepares).sum() > 0,
        replicas.get(1).summary());
    // A replica executes with two other replicas' COMMITs: the third one comes too late.
    assertTrue(replicas.stream().mapToLong(ReplicaNode::needlessCommits).sum() > 0,
        replicas.get(1).summary());
  }

  /**
   * The replicas remember the last timestamp of client 0 after its first session; the second
   * session, with the clock standing still at the same value (as if set back), starts above the
   * first one's reservation and is answered at once.
   */
  @Test
  void aSecondSessionWithTheSameIdIsServedAtOnce() throws Exception {
    GeneratedCluster cluster = startReplicas();
    Path file = data.resolve("client-0.timestamp");
    long frozenClock = 1_000_000;
    try (ClientTimestamps first = ClientTimestamps.persisted(file, () -> frozenClock,
        ClientTimestamps.DEFAULT_WINDOW_MICROS, w -> { });
        ClientNode one = session(cluster, first)) {
      new KvWorkload(one, "k", 3, Duration.ofSeconds(30)).run(8, c -> { });
    }
    try (ClientTimestamps second = ClientTimestamps.persisted(file, () -> frozenClock,
        ClientTimestamps.DEFAULT_WINDOW_MICROS, w -> { });
        ClientNode two = session(cluster, second)) {
      ClientNode.Completion c = two.invoke(new KvOperation.Put("k0", "again").encode(),
          Duration.ofSeconds(5));
      assertEquals(KvResult.Status.OK, KvResult.decode(c.result()).status());
      assertEquals("again", KvResult.decode(two.invoke(new KvOperation.Get("k0").encode(),
          Duration.ofSeconds(5)).result()).value());
    }
  }

  /**
   * The check above can fail: timestamps that restart at 1 are below what the replicas executed
   * for the client, so they ignore the new session; the report says every replica is connected
   * and none answered.
   */
  @Test
  void timestampsThatRestartAtOneAreIgnoredAsStale() throws Exception {
    GeneratedCluster cluster = startReplicas();
    try (ClientNode one = session(cluster, TimestampSource.counting())) {
      new KvWorkload(one, "k", 3, Duration.ofSeconds(30)).run(4, c -> { });
    }
    try (ClientNode two = session(cluster, TimestampSource.counting())) {
      NoResult e = assertThrows(NoResult.class,
          () -> two.invoke(new KvOperation.Put("k0", "again").encode(), Duration.ofSeconds(2)));
      assertEquals(List.of(), e.unreachable(), e.getMessage());
      assertEquals(List.of(), e.answered(), e.getMessage());
      assertTrue(e.getMessage().contains("connected, no reply"), e.getMessage());
    }
  }

  /** A well-framed frame of random bytes, and a frame claiming to be 2 GiB long. */
  private static void sendGarbage(int basePort) throws Exception {
    byte[] junk = new byte[200];
    new Random(7).nextBytes(junk);
    try (Socket s = new Socket("127.0.0.1", basePort)) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(junk.length);
      out.write(junk);
      out.flush();
    }
    try (Socket s = new Socket("127.0.0.1", basePort)) {
      new DataOutputStream(s.getOutputStream()).writeInt(Integer.MAX_VALUE);
    }
  }
}
