package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.config.ClusterConfig;
import org.pbft.config.Keygen;
import org.pbft.config.NodeKeys;

/**
 * Real processes under attack: replica 0, the primary of view 0, runs the {@code flood}
 * strategy (it orders nothing and multicasts a burst of distinct signed PREPAREs, COMMITs and
 * far-ahead CHECKPOINTs every tick) and reads what the others send it slowly (2 ms before each
 * frame: their queues to it fill, and no one else may wait for it), while {@link StalledConnections} opens connections to the
 * correct replicas that send two bytes of a frame and then nothing, more than a replica accepts. A
 * correct client's workload must complete through the view change away from replica 0, every
 * acknowledged write must read back, and the correct replicas' own accounts must show the
 * attack stopped at the bounds: the flooder's far CHECKPOINTs superseding one another (without
 * the bound every one would be held), stalled connections refused at the connection cap, and
 * the evidence no larger than what the core accepted.
 */
class AttackIT {
  private static final int OPERATIONS = 150;
  private static final int STALLED_PER_ROUND = 12;

  @TempDir
  Path dir;

  @Test
  void aFloodingPrimaryAndStalledConnectionsAreOutlasted() throws Exception {
    int base = FreePorts.base();
    Path config = dir.resolve("config");
    Path logs = dir.resolve("logs");
    Keygen.generate(4, 1, "127.0.0.1", base, config, new SecureRandom());
    ClusterConfig cluster = ClusterConfig.load(config);
    KvWorkload workload;
    try (LocalCluster replicas = new LocalCluster(config, logs)) {
      replicas.start(0, List.of("--byzantine", "flood", "--read-pause-ms", "2"));
      for (int i = 1; i < 4; i++) {
        replicas.start(i, List.of());
      }
      for (int i = 0; i < 4; i++) {
        LocalCluster.awaitListening(cluster.address(i));
      }
      NodeKeys clientKeys = NodeKeys.load(config.resolve("client-0.key"));
      try (StalledConnections stalled = new StalledConnections(List.of(cluster.address(1),
              cluster.address(2), cluster.address(3)), STALLED_PER_ROUND, 2_000);
          ClientNode client = new ClientNode(cluster, clientKeys, 0, NodeOptions.defaults(),
              50)) {
        workload = new KvWorkload(client, "key", 16, Duration.ofSeconds(60));
        workload.run(OPERATIONS, c -> { });
        assertEquals(OPERATIONS, workload.operations());
        assertTrue(workload.maxView() >= 1, "the view change away from replica 0 completed");
        workload.verifyAcknowledgedWrites();
        assertEquals(List.of(), workload.anomalies());
        assertTrue(stalled.opened() > 0, "no stalled connection was ever accepted");
      }
      Thread.sleep(300);
    }
    for (int i = 1; i < 4; i++) {
      String summary = stoppedLine(logs.resolve("replica-" + i + ".log"));
      System.out.println("AttackIT replica " + i + ": " + summary);
      assertTrue(count(summary, "SUPERSEDED=(\\d+)") > 0,
          "replica " + i + ": far CHECKPOINTs replaced one another: " + summary);
      assertTrue(count(summary, "refused at the connection cap (\\d+)") > 0,
          "replica " + i + ": stalled connections refused at the cap: " + summary);
      // What the core accepted, as evidence: not what the flood signed (thousands of far
      // CHECKPOINTs, never collected, if every verified signature were kept).
      long evidence = count(summary, "signatures kept as evidence (\\d+)");
      assertTrue(evidence < 1_000, "replica " + i + ": " + evidence + " signatures kept");
    }
  }

  /** The replica's last summary line, written when it stopped. */
  private static String stoppedLine(Path log) throws IOException {
    String last = null;
    for (String line : Files.readAllLines(log)) {
      if (line.contains("stopped; executed")) {
        last = line;
      }
    }
    assertTrue(last != null, "no summary in " + log + ":\n" + Files.readString(log));
    return last;
  }

  private static long count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
