package org.pbft.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pbft.config.ClusterConfig;
import org.pbft.config.ConfigException;
import org.pbft.config.NodeKeys;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.wire.Limits;
import org.pbft.node.CountersFile;
import org.pbft.node.DataDirectoryException;
import org.pbft.node.InputLog;
import org.pbft.node.NodeLog;
import org.pbft.node.NodeOptions;
import org.pbft.node.ReplicaNode;
import org.pbft.node.UnreplicatedServer;
import org.pbft.service.KeyValueStore;
import org.pbft.sim.byzantine.ByzantinePeer;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.sim.byzantine.Strategy;
import org.pbft.trace.NdjsonTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pbft replica}: one replica process, until it is stopped (SIGTERM or Ctrl-C). */
@Command(name = "replica", mixinStandardHelpOptions = true,
    description = "Runs replica I of the cluster in DIR (written by 'pbft keygen').")
public final class ReplicaCommand implements Callable<Integer> {
  /** A VIEW-CHANGE carries up to a window (2K) of prepared certificates, and the wire takes
   * at most {@code Limits.maxCertificates} of them. */
  static final long MAX_CHECKPOINT_INTERVAL = Limits.defaults().maxCertificates() / 2;
  @Spec
  CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "DIR",
      description = "Cluster configuration directory (cluster.properties and key files).")
  Path config;

  @Option(names = "--id", required = true, paramLabel = "I", description = "This replica's id.")
  int id;

  @Option(names = "--trace", paramLabel = "DIR",
      description = "Write this replica's trace (replica-I.ndjson) in DIR.")
  Path trace;

  @Option(names = "--byzantine", paramLabel = "STRATEGY",
      description = "Play a scripted Byzantine strategy instead of the protocol: ${COMPLETION-CANDIDATES}.",
      completionCandidates = StrategyNames.class)
  String byzantine;

  @Option(names = "--seed", defaultValue = "1",
      description = "Randomness of the Byzantine strategy (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Keep this replica's state in DIR (its input log): a restart resumes as the "
          + "same replica. Without it the replica forgets everything when it stops.")
  Path data;

  @Option(names = "--no-fsync",
      description = "Write the input log without forcing it to disk (measures what durability "
          + "costs; a power cut can then lose what the replica sent).")
  boolean noFsync;

  @Option(names = "--snapshot-mib", defaultValue = "64", paramLabel = "MIB",
      description = "Replace the input log with a snapshot of the replica at the first stable "
          + "checkpoint after the log has grown past MIB MiB (default ${DEFAULT-VALUE}).")
  double snapshotMib;

  @Option(names = "--read-pause-ms", defaultValue = "0", paramLabel = "MS",
      description = "With --byzantine only: wait MS ms before taking each frame off a "
          + "connection, a slow reader its peers must not wait for (default ${DEFAULT-VALUE}).")
  long readPauseMillis;

  @Option(names = "--counters", paramLabel = "FILE",
      description = "Append this process's work counters (requests answered, batches, "
          + "signatures, MACs, frames, bytes, fsyncs, CPU) to FILE every 200 ms, for "
          + "'pbft bench'.")
  Path counters;

  @Option(names = "--unreplicated",
      description = "Run the key-value service without the protocol: each request is run as it "
          + "arrives and answered at once (the benchmark's baseline; the cluster must have one "
          + "replica).")
  boolean unreplicated;

  @Option(names = "--batches-in-flight", defaultValue = "1", paramLabel = "B",
      description = "As primary, order up to B batches before the first of them is executed "
          + "(default ${DEFAULT-VALUE}: requests arriving meanwhile share the next batch and its "
          + "signatures; more overlaps the phases of several; at most the window, 2K).")
  long batchesInFlight;

  @Option(names = "--checkpoint-interval", paramLabel = "K",
      description = "Take a checkpoint every K sequence numbers; the log window is 2K (default "
          + "${DEFAULT-VALUE}; every replica of a cluster must use the same K).")
  long checkpointInterval = ReplicaConfig.PROCESS_CHECKPOINT_INTERVAL;

  @Option(names = "--tick-ms", defaultValue = "10",
      description = "Wall-clock milliseconds per logical tick (default ${DEFAULT-VALUE}).")
  long tickMillis;

  @Override
  public Integer call() throws Exception {
    if (readPauseMillis != 0 && (byzantine == null || readPauseMillis < 0)) {
      throw new ParameterException(spec.commandLine(), "--read-pause-ms " + readPauseMillis
          + ": a pause of 0 or more ms, for a Byzantine replica (--byzantine) only");
    }
    ClusterConfig cluster;
    org.pbft.config.NodeKeys keys;
    try {
      cluster = ClusterConfig.load(config);
      keys = NodeKeys.load(config.resolve("replica-" + id + ".key"));
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (id < 0 || id >= cluster.n()) {
      throw new ParameterException(spec.commandLine(),
          "--id " + id + ": the cluster has replicas 0.." + (cluster.n() - 1));
    }
    if (unreplicated && (cluster.n() != ClusterConfig.SINGLE_SERVER || byzantine != null
        || data != null)) {
      throw new ParameterException(spec.commandLine(), "--unreplicated: needs a cluster of "
          + "one replica (pbft keygen --n 1) and no --byzantine or --data; this one has "
          + cluster.n() + " replicas");
    }
    if (!unreplicated && cluster.n() < ClusterConfig.MIN_REPLICAS) {
      throw new ParameterException(spec.commandLine(), "a cluster of " + cluster.n()
          + " replica tolerates no fault: run it with --unreplicated, or generate at least "
          + ClusterConfig.MIN_REPLICAS + " replicas");
    }
    if (checkpointInterval < 1 || checkpointInterval > MAX_CHECKPOINT_INTERVAL) {
      throw new ParameterException(spec.commandLine(), "--checkpoint-interval "
          + checkpointInterval + ": between 1 and " + MAX_CHECKPOINT_INTERVAL);
    }
    if (batchesInFlight < 1 || batchesInFlight > 2 * checkpointInterval) {
      throw new ParameterException(spec.commandLine(), "--batches-in-flight "
          + batchesInFlight + ": between 1 and the window of " + 2 * checkpointInterval
          + " (twice --checkpoint-interval)");
    }
    ReplicaConfig protocol = ReplicaConfig.forProcesses(cluster.n(), batchesInFlight,
        checkpointInterval);
    Peer peer = peer(protocol);
    if (!(snapshotMib > 0)) {
      throw new ParameterException(spec.commandLine(),
          "--snapshot-mib " + snapshotMib + ": must be a positive number of MiB");
    }
    NodeLog log = new NodeLog("replica " + id, System.out);
    InputLog inputs = null;
    if (data != null && byzantine != null) {
      log.info("--data ignored: a Byzantine replica keeps no state across restarts");
    } else if (data != null) {
      try {
        inputs = InputLog.open(data, id, !noFsync, Math.max(1, (long) (snapshotMib * (1 << 20))));
      } catch (DataDirectoryException e) {
        spec.commandLine().getErr().println("pbft replica: " + e.getMessage());
        return 1;
      }
    }
    NdjsonTrace traceFiles = null;
    if (trace != null) {
      Files.createDirectories(trace);
      // A restarted replica continues its own trace: one replica, one trace, across crashes.
      traceFiles = new NdjsonTrace(trace, inputs != null && inputs.restarted());
    }
    ReplicaNode node;
    try {
      node = new ReplicaNode(cluster, keys, peer, byzantine == null,
          new NodeOptions(tickMillis, NodeOptions.defaults().queueBytes(), readPauseMillis),
          traceFiles, log,
          inputs);
    } catch (java.net.BindException e) {
      spec.commandLine().getErr().println("pbft replica: cannot listen on " + cluster.address(id)
          + ": " + e.getMessage() + " (is replica " + id + " already running?)");
      return 2;
    } catch (DataDirectoryException e) {
      spec.commandLine().getErr().println("pbft replica: " + e.getMessage());
      return 1;
    }
    CountersFile countersFile = counters == null ? null
        : new CountersFile(counters, node::countersLine, 200);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (countersFile != null) {
        countersFile.close();
      }
      node.close();
      log.info("stopped; " + node.summary());
      closed.countDown();
    }));
    Throwable failure = node.awaitStop();
    if (failure != null) {
      spec.commandLine().getErr().println("pbft replica " + id + " stopped: " + failure);
      return 1;
    }
    closed.await();
    return 0;
  }

  private Peer peer(ReplicaConfig protocol) {
    if (unreplicated) {
      return new UnreplicatedServer(new KeyValueStore());
    }
    if (byzantine == null) {
      return Peer.correct(new Replica(id, protocol, new KeyValueStore()));
    }
    Strategy strategy = Strategies.byName(byzantine).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "--byzantine " + byzantine + ": known strategies are "
            + String.join(", ", Strategies.allNames())));
    return ByzantinePeer.inProcess(id, protocol, strategy, new SplittableRandom(seed));
  }

  /** The strategy names, for the help text. */
  static final class StrategyNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Strategies.allNames().iterator();
    }
  }
}
