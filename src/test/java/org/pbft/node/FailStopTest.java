package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;

/**
 * A replica whose core fails (a failed assertion) stops with a message that says so, instead of
 * serving from a half-updated state; replaying the input that failed makes it refuse to start.
 */
class FailStopTest {
  @TempDir
  Path dir;

  /** A correct replica with a planted bug: any client request breaks an assertion. */
  private static Peer brokenOnRequests(int id) {
    Replica replica = new Replica(id, ReplicaConfig.forShortRuns(4), new KeyValueStore());
    return new Peer() {
      @Override
      public int id() {
        return id;
      }

      @Override
      public List<Effect> step(Input input) {
        if (input instanceof Input.Receive r && r.from() == Input.CLIENT) {
          throw new AssertionError("planted: a request breaks the core");
        }
        return replica.step(input);
      }
    };
  }

  @Test
  void aFailedAssertionStopsTheReplicaAndReplayRefusesToStart() throws Exception {
    GeneratedCluster cluster = Keygen.cluster(4, 1, "127.0.0.1", FreePorts.base(),
        SecureRandom.getInstance("SHA1PRNG"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);
    Path data = dir.resolve("data-1");
    ReplicaNode node = new ReplicaNode(cluster.config(), cluster.keysOf(NodeId.replica(1)),
        brokenOnRequests(1), true, NodeOptions.defaults(), null, new NodeLog("replica 1", log),
        InputLog.open(data, 1, true));
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try (ClientNode client = new ClientNode(cluster.config(), cluster.keysOf(NodeId.client(0)), 0,
        NodeOptions.defaults(), 100)) {
      // the first request of a session goes to all replicas
      client.submit(new KvOperation.Put("k", "v").encode());
      CompletableFuture<Throwable> stopped = CompletableFuture.supplyAsync(() -> {
        try {
          return node.awaitStop();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, waiter);
      Throwable failure = stopped.get(30, TimeUnit.SECONDS);
      assertNotNull(failure, "the replica stopped without a failure");
      assertInstanceOf(AssertionError.class, failure);
      String text = out.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("FATAL: the protocol core failed while handling Request from "
          + "client-0"), text);
      assertTrue(text.contains("rather than serve from a state it cannot vouch for"), text);
    } finally {
      node.close();
      waiter.shutdownNow();
    }

    DataDirectoryException refused = assertThrows(DataDirectoryException.class,
        () -> new ReplicaNode(cluster.config(), cluster.keysOf(NodeId.replica(1)),
            brokenOnRequests(1), true, NodeOptions.defaults(), null,
            new NodeLog("replica 1", log), InputLog.open(data, 1, true)));
    assertTrue(refused.getMessage().startsWith("replaying the input log in " + data), 
        refused.getMessage());
  }
}
