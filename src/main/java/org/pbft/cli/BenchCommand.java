package org.pbft.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.pbft.config.ClusterConfig;
import org.pbft.config.Keygen;
import org.pbft.node.ClientNode;
import org.pbft.node.ClosedLoopBench;
import org.pbft.node.CountersFile;
import org.pbft.node.GroupCheck;
import org.pbft.node.LocalCluster;
import org.pbft.node.PeakMemory;
import org.pbft.node.ReplicaPosition;
import org.pbft.node.StalledConnections;
import org.pbft.node.WorkCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pbft bench}: throughput and latency of 4 replica processes with closed-loop clients. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Starts 4 replica processes on loopback (no tracing) and runs closed-loop "
        + "clients in this process: 0/0 (empty values) and 1 KiB/1 KiB (puts of 1 KiB values, "
        + "replies of the previous 1 KiB value); prints ops/s, p50 and p99 after a warm-up, "
        + "ops/s second by second, and what a request cost each replica (batch size, "
        + "signatures, MACs, frames, bytes, fsyncs, CPU) and the client process."})
public final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--clients", defaultValue = "32",
      description = "Closed-loop clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "10",
      description = "Measured seconds per workload (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--warmup", defaultValue = "15",
      description = "Unmeasured seconds first, for the JIT to compile the crypto and codec "
          + "(default ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--base-port", defaultValue = "7200", paramLabel = "PORT",
      description = "Replica i listens on PORT+i (default ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--out", defaultValue = "target/bench", paramLabel = "DIR",
      description = "Configuration and replica logs (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--durability", defaultValue = "fsync",
      description = "fsync (the default: replicas log every input and fsync before they send), "
          + "no-fsync (log without forcing the disk) or none (no log: nothing survives a "
          + "restart).")
  String durability;

  @Option(names = "--attack",
      description = "Replica 0 (the primary of view 0) floods: it orders nothing, multicasts "
          + "distinct signed votes and far checkpoints every tick and reads slowly (2 ms per "
          + "frame); this process opens stalled connections to the others all along. Prints each "
          + "correct replica's peak RSS.")
  boolean attack;

  @Option(names = "--baseline",
      description = "Instead of 4 replicas, one unreplicated server: the same key-value service, "
          + "process, wire and network stack without the protocol (no log), so that the cost of "
          + "replication is the ratio of the two runs.")
  boolean baseline;

  @Option(names = "--async",
      description = "Run the clients as sessions of one client node: one connection to each "
          + "replica and one timer for all of them, as many operations outstanding as "
          + "there are clients (the asynchronous client); without it each client is its own "
          + "node with its own connections and threads.")
  boolean async;

  @Option(names = "--batches-in-flight", defaultValue = "1", paramLabel = "B",
      description = "Passed to each replica: batches the primary orders before the first of "
          + "them is executed (default ${DEFAULT-VALUE}).")
  long batchesInFlight;

  @Option(names = "--checkpoint-interval", paramLabel = "K",
      description = "Passed to each replica: a checkpoint every K sequence numbers (default "
          + "${DEFAULT-VALUE}, the replicas' own).")
  long checkpointInterval = org.pbft.core.ReplicaConfig.PROCESS_CHECKPOINT_INTERVAL;

  /** Why nothing can listen on {@code port} of loopback now, or null if something can. */
  private static String portInUse(int port) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true); // as a replica binds: a closed connection's TIME_WAIT is no bar
      probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return null;
    } catch (java.io.IOException e) {
      return e.getMessage();
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    if (!List.of("fsync", "no-fsync", "none").contains(durability)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--durability "
          + durability + ": expected fsync, no-fsync or none");
    }
    if (baseline && attack) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--baseline and --attack: the unreplicated baseline has no replica to attack");
    }
    int n = baseline ? ClusterConfig.SINGLE_SERVER : 4;
    for (int i = 0; i < n; i++) {
      String busy = portInUse(basePort + i);
      if (busy != null) {
        // Otherwise the bench would time the processes that hold the port, or measure nothing.
        spec.commandLine().getErr().println("pbft bench: port " + (basePort + i) + " (replica "
            + i + "'s) is in use (" + busy + "): is another bench, cluster or demo running? "
            + "Stop it, or choose other ports with --base-port");
        return 2;
      }
    }
    Path config = out.toAbsolutePath().resolve("config");
    Path data = out.toAbsolutePath().resolve("data");
    Path countersDir = out.toAbsolutePath().resolve("counters");
    deleteRecursively(data); // fresh keys every run: an old log belongs to another cluster
    deleteRecursively(countersDir);
    Keygen.generate(n, clients, "127.0.0.1", basePort, config, new SecureRandom(), true);
    ClusterConfig cluster = ClusterConfig.load(config);
    try (LocalCluster replicas = new LocalCluster(config, out.toAbsolutePath().resolve("logs"))) {
      for (int i = 0; i < n; i++) {
        List<String> args = new java.util.ArrayList<>(List.of(
            "--counters", countersDir.resolve("replica-" + i + ".counters").toString()));
        if (baseline) {
          args.add("--unreplicated"); // and no log
        } else {
          args.addAll(List.of("--batches-in-flight", String.valueOf(batchesInFlight),
              "--checkpoint-interval", String.valueOf(checkpointInterval)));
          if (!durability.equals("none")) {
            args.addAll(List.of("--data", data.resolve("replica-" + i).toString()));
          }
          if (durability.equals("no-fsync")) {
            args.add("--no-fsync");
          }
        }
        if (attack && i == 0) {
          args = List.of("--byzantine", "flood", "--read-pause-ms", "2");
        }
        replicas.start(i, args);
      }
      o.println(baseline ? "baseline: one unreplicated server, no log"
          : "durability: " + durability + (durability.equals("none") ? ""
          : " (input logs in " + data + "; replica logs report their syncs when stopped)"));
      for (int i = 0; i < n; i++) {
        LocalCluster.awaitListening(cluster.address(i));
      }
      if (!replicas.exited().isEmpty()) {
        spec.commandLine().getErr().println("pbft bench: replica processes exited as they "
            + "started (id=exit code: " + replicas.exited() + "); their logs are in "
            + out.toAbsolutePath().resolve("logs"));
        return 2;
      }
      if (attack) {
        o.println("attack: replica 0 floods; stalled connections to replicas 1..3 every 2 s");
      }
      List<ClientNode> nodes = ClosedLoopBench.clients(cluster, config, clients, async);
      StalledConnections stalled = attack ? new StalledConnections(List.of(
          cluster.address(1), cluster.address(2), cluster.address(3)), 12, 2_000) : null;
      boolean groupLost = false;
      try {
        for (int valueBytes : new int[] {0, 1024}) {
          ClosedLoopBench.Result r = ClosedLoopBench.run(ClosedLoopBench.sessions(nodes),
              valueBytes, warmup, seconds);
          Thread.sleep(400); // a counters sample after the interval's end (every 200 ms)
          String workload = valueBytes == 0 ? "0/0" : "1 KiB/1 KiB";
          if (!baseline) {
            GroupCheck.Verdict group = GroupCheck.check(positions(countersDir, n, attack),
                checkpointInterval);
            if (!group.whole()) {
              o.println(workload + ": no figure: a correct replica left the group, so the run"
                  + " measured fewer replicas than it says. " + String.join("; ",
                  group.departures()) + ". Replica logs: " + out.toAbsolutePath()
                  .resolve("logs"));
              group.positions().forEach(line -> o.println("  " + line));
              o.flush();
              groupLost = true;
              continue;
            }
            o.println(workload + ": every replica in the group: " + String.join("; ",
                group.positions()));
          }
          o.println(String.format(Locale.ROOT,
              "%s: %d clients%s, %.0f ops/s, p50 %.2f ms, p99 %.2f ms (%d ops in %.1f s)",
              workload, clients, async ? " (async, one node)" : "",
              r.opsPerSecond(),
              r.latencyMillis().getPercentile(50), r.latencyMillis().getPercentile(99),
              r.operations(), r.seconds()));
          o.println("  ops/s, second by second: " + r.perSecond().stream()
              .map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")));
          o.println("  " + (baseline ? "the server: " : attack
              ? "each correct replica (mean of " + (n - 1) + ", the flooding replica 0 left out): "
              : "each replica (mean of " + n + "): ") + replicaWork(countersDir, n, r, attack));
          double nanosToMsPerRequest = 1e-6 / Math.max(1, r.operations());
          o.println(String.format(Locale.ROOT, "  the client process (%d closed loops%s): %.3f ms "
              + "CPU per request (%.3f of it JIT compiling, %.3f GC)", clients,
              async ? " in one node" : ", a node each", r.cpuNanos() * nanosToMsPerRequest,
              r.jitNanos() * nanosToMsPerRequest, r.gcNanos() * nanosToMsPerRequest));
          o.flush();
        }
        if (groupLost) {
          return 1;
        }
        if (attack) {
          o.println(stalled.opened() + " stalled connections accepted; peak RSS of the correct "
              + "replicas: " + PeakMemory.of(replicas, List.of(1, 2, 3)));
        }
      } finally {
        nodes.forEach(ClientNode::close);
        if (stalled != null) {
          stalled.close();
        }
      }
    }
    return 0;
  }

  /**
   * What the replicas did per request over the measured interval, from the counters each wrote
   * (a flooding replica 0 left out: its work is not the protocol's).
   */
  private static String replicaWork(Path countersDir, int n, ClosedLoopBench.Result r,
      boolean attack) throws java.io.IOException, InterruptedException {
    WorkCounters sum = null;
    for (int i = attack ? 1 : 0; i < n; i++) {
      Path file = countersDir.resolve("replica-" + i + ".counters");
      if (!java.nio.file.Files.exists(file)) {
        return "no counters from replica " + i + " (" + file + " missing)";
      }
      List<WorkCounters> samples = CountersFile.read(file);
      if (samples.isEmpty()) {
        return "no counters from replica " + i + " (" + file + " empty)";
      }
      WorkCounters work = CountersFile.at(samples, r.endMillis())
          .minus(CountersFile.at(samples, r.startMillis()));
      sum = sum == null ? work : sum.plus(work);
    }
    return sum.perRequest();
  }

  /** Each correct replica's positions, from its counters file (a flooding replica 0 left out). */
  private static Map<Integer, List<ReplicaPosition>> positions(Path countersDir, int n,
      boolean attack) throws java.io.IOException {
    Map<Integer, List<ReplicaPosition>> out = new TreeMap<>();
    for (int i = attack ? 1 : 0; i < n; i++) {
      Path file = countersDir.resolve("replica-" + i + ".counters");
      out.put(i, java.nio.file.Files.exists(file) ? CountersFile.positions(file) : List.of());
    }
    return out;
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }
}
