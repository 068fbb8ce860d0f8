package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.config.GeneratedCluster;
import org.pbft.config.Keygen;
import org.pbft.config.NodeId;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.service.KeyValueStore;
import org.pbft.trace.NdjsonTrace;

/**
 * Four durable replica nodes in this JVM over loopback TCP: every one is stopped and started
 * again from its data directory, and every acknowledged write reads back; each replica's trace
 * continues across the restart with a Restart event; a damaged log refuses to start.
 */
class DurableClusterTest {
  @TempDir
  Path dir;
  private final List<ReplicaNode> replicas = new ArrayList<>();
  private final List<ClientNode> clients = new ArrayList<>();
  private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

  @AfterEach
  void stop() {
    clients.forEach(ClientNode::close);
    replicas.forEach(ReplicaNode::close);
  }

  private ReplicaNode start(GeneratedCluster cluster, int i, PrintStream out) throws Exception {
    return start(cluster, i, out, InputLog.DEFAULT_SNAPSHOT_BYTES);
  }

  private ReplicaNode start(GeneratedCluster cluster, int i, PrintStream out, long snapshotBytes)
      throws Exception {
    InputLog inputs = InputLog.open(dir.resolve("data-" + i), i, true, snapshotBytes);
    NdjsonTrace trace = new NdjsonTrace(dir.resolve("traces"), inputs.restarted());
    Peer peer = Peer.correct(new Replica(i, ReplicaConfig.forShortRuns(4), new KeyValueStore()));
    return new ReplicaNode(cluster.config(), cluster.keysOf(NodeId.replica(i)), peer, true,
        NodeOptions.defaults(), trace, new NodeLog("replica " + i, out), inputs);
  }

  @Test
  void everyAcknowledgedWriteSurvivesStoppingAllFourReplicas() throws Exception {
    GeneratedCluster cluster = Keygen.cluster(4, 2, "127.0.0.1", FreePorts.base(),
        SecureRandom.getInstance("SHA1PRNG"));
    for (int i = 0; i < 4; i++) {
      replicas.add(start(cluster, i, quiet));
    }
    ClientNode writer = new ClientNode(cluster.config(), cluster.keysOf(NodeId.client(0)), 0,
        NodeOptions.defaults(), 100);
    clients.add(writer);
    KvWorkload workload = new KvWorkload(writer, "k", 6, Duration.ofSeconds(30));
    workload.run(24, c -> { });
    replicas.forEach(ReplicaNode::close);
    replicas.clear();
    // As if replica 1 had been killed after the sync of its last groups but before it wrote
    // their trace events, in the middle of a line: the restart writes them again.
    Path trace1 = dir.resolve("traces/replica-1.ndjson");
    List<String> before = Files.readAllLines(trace1);
    List<String> kept = before.subList(0, before.size() - 5);
    Files.writeString(trace1, String.join("\n", kept) + "\n"
        + before.get(before.size() - 5).substring(0, 20), StandardCharsets.UTF_8);

    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);
    for (int i = 0; i < 4; i++) {
      replicas.add(start(cluster, i, out));
    }
    assertTrue(said.toString(StandardCharsets.UTF_8).contains("recovered from"), said.toString());
    assertTrue(said.toString(StandardCharsets.UTF_8).contains("wrote the 5 trace events"),
        said.toString());
    List<String> after = Files.readAllLines(trace1);
    assertEquals(before, after.subList(0, before.size()), "the lost events, written again");
    assertTrue(after.get(before.size()).contains("\"action\":\"Restart\""));
    ClientNode reader = new ClientNode(cluster.config(), cluster.keysOf(NodeId.client(1)), 1,
        NodeOptions.defaults(), 100);
    clients.add(reader);
    assertEquals(6, workload.verifyAcknowledgedWrites(reader));
    assertEquals(List.of(), workload.anomalies());
    // The state came from the logs, not from a state transfer: new writes still work too.
    new KvWorkload(reader, "after", 2, Duration.ofSeconds(30)).run(4, c -> { });

    for (int i = 0; i < 4; i++) {
      List<String> lines = Files.readAllLines(dir.resolve("traces/replica-" + i + ".ndjson"));
      long restarts = lines.stream().filter(l -> l.contains("\"action\":\"Restart\"")).count();
      assertEquals(1, restarts, "replica " + i + " trace: " + lines.size() + " lines");
      int at = indexOfRestart(lines);
      assertTrue(at > 0, "events before the restart are kept in replica " + i + "'s trace");
      assertTrue(step(lines.get(at)) > step(lines.get(at - 1)),
          "the Lamport clock continues across the restart");
    }
  }

  @Test
  void snapshotsReplaceTheLogAndEveryWriteSurvivesARestartFromThem() throws Exception {
    GeneratedCluster cluster = Keygen.cluster(4, 2, "127.0.0.1", FreePorts.base(),
        SecureRandom.getInstance("SHA1PRNG"));
    for (int i = 0; i < 4; i++) {
      replicas.add(start(cluster, i, quiet, 4096));
    }
    ClientNode writer = new ClientNode(cluster.config(), cluster.keysOf(NodeId.client(0)), 0,
        NodeOptions.defaults(), 100);
    clients.add(writer);
    KvWorkload workload = new KvWorkload(writer, "k", 6, Duration.ofSeconds(30));
    workload.run(60, c -> { });
    replicas.forEach(ReplicaNode::close);
    replicas.clear();
    for (int i = 0; i < 4; i++) {
      try (var files = Files.list(dir.resolve("data-" + i))) {
        List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
        assertTrue(names.stream().anyMatch(n -> n.matches("snapshot-\\d+\\.snap")), "" + names);
        assertTrue(names.stream().noneMatch(n -> n.equals("inputs-0.wal")),
            "the first log was replaced: " + names);
        assertEquals(1, names.stream().filter(n -> n.endsWith(".wal")).count(), "" + names);
      }
    }
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);
    for (int i = 0; i < 4; i++) {
      replicas.add(start(cluster, i, out, 4096));
    }
    assertTrue(said.toString(StandardCharsets.UTF_8).contains("a snapshot of"), said.toString());
    ClientNode reader = new ClientNode(cluster.config(), cluster.keysOf(NodeId.client(1)), 1,
        NodeOptions.defaults(), 100);
    clients.add(reader);
    assertEquals(6, workload.verifyAcknowledgedWrites(reader));
    assertEquals(List.of(), workload.anomalies());
  }

  @Test
  void aDamagedSnapshotRefusesToStartNamingTheFile() throws Exception {
    Path data = dir.resolve("data-2");
    try (InputLog log = InputLog.open(data, 2, true)) {
      log.tick();
      log.sync();
      log.snapshot(new byte[] {1, 2, 3, 4});
    }
    Path snapshot = data.resolve("snapshot-0.snap");
    try (RandomAccessFile f = new RandomAccessFile(snapshot.toFile(), "rw")) {
      f.seek(f.length() - 2);
      f.write(0x55);
    }
    DataDirectoryException e = assertThrows(DataDirectoryException.class,
        () -> InputLog.open(data, 2, true));
    assertTrue(e.getMessage().contains(snapshot.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("will not start"), e.getMessage());
  }

  @Test
  void aDataDirectoryOfAnotherBuildIsRefused() throws Exception {
    Path data = dir.resolve("data-3");
    try (InputLog log = InputLog.open(data, 3, true)) {
      log.tick();
      log.sync();
    }
    Files.writeString(data.resolve("build"), "0123456789abcdef\n");
    DataDirectoryException e = assertThrows(DataDirectoryException.class,
        () -> InputLog.open(data, 3, true));
    assertTrue(e.getMessage().contains("another build"), e.getMessage());
  }

  private static int indexOfRestart(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"action\":\"Restart\"")) {
        return i;
      }
    }
    return -1;
  }

  private static long step(String line) {
    int from = line.indexOf("\"step\":") + 7;
    return Long.parseLong(line.substring(from, line.indexOf(',', from)));
  }

  @Test
  void aLogDamagedBeforeItsTailRefusesToStartNamingTheFile() throws Exception {
    Path data = dir.resolve("data-1");
    try (InputLog log = InputLog.open(data, 1, true)) {
      log.tick();
      log.tick();
      log.tick();
      log.sync();
    }
    try (RandomAccessFile f = new RandomAccessFile(data.resolve("inputs-0.wal").toFile(), "rw")) {
      f.seek(16 + 8); // the payload of the first record
      f.write('X');
    }
    DataDirectoryException e = assertThrows(DataDirectoryException.class,
        () -> InputLog.open(data, 1, true));
    assertTrue(e.getMessage().contains(data.resolve("inputs-0.wal").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("offset 16"), e.getMessage());
    assertTrue(e.getMessage().contains("will not start"), e.getMessage());
  }

  @Test
  void aDataDirectoryInUseIsRefused() throws Exception {
    try (InputLog first = InputLog.open(dir.resolve("d"), 2, true)) {
      DataDirectoryException e = assertThrows(DataDirectoryException.class,
          () -> InputLog.open(dir.resolve("d"), 2, true));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }
}
