package org.pbft.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pbft.config.Keygen;
import org.pbft.node.LocalCluster;
import org.pbft.sim.byzantine.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pbft cluster}: n replica processes on loopback until Ctrl-C. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Starts n replica processes on 127.0.0.1 (keys generated into --config DIR) "
        + "and stops them on Ctrl-C.",
        "Connect a client with: pbft client --config DIR --id 0"})
public final class ClusterCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--n", defaultValue = "4", description = "Replicas (default ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--clients", defaultValue = "4",
      description = "Client key pairs to generate (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--config", paramLabel = "DIR", defaultValue = "target/cluster",
      description = "Where the configuration and keys are written (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--base-port", defaultValue = "7000", paramLabel = "PORT",
      description = "Replica i listens on PORT+i (default ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--byzantine", paramLabel = "STRATEGY",
      description = "Replica 0 plays this Byzantine strategy: ${COMPLETION-CANDIDATES}.",
      completionCandidates = ReplicaCommand.StrategyNames.class)
  String byzantine;

  @Option(names = "--trace", paramLabel = "DIR",
      description = "Each replica writes its trace in DIR.")
  Path trace;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Replica i keeps its state in DIR/replica-i, so that the cluster can be "
          + "stopped and started again without losing a write (default: CONFIG/data).")
  Path data;

  @Option(names = "--no-fsync",
      description = "Replicas write their logs without forcing them to disk.")
  boolean noFsync;

  @Override
  public Integer call() throws Exception {
    if (n < 4) {
      throw new ParameterException(spec.commandLine(), "--n must be at least 4 (n = 3f + 1)");
    }
    if (byzantine != null && Strategies.byName(byzantine).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--byzantine " + byzantine
          + ": known strategies are " + String.join(", ", Strategies.allNames()));
    }
    if (Files.exists(config.resolve("cluster.properties"))) {
      spec.commandLine().getOut().println("using the existing configuration in " + config);
    } else {
      Keygen.generate(n, clients, "127.0.0.1", basePort, config, new SecureRandom());
      spec.commandLine().getOut().println("wrote keys for " + n + " replicas and " + clients
          + " clients to " + config);
    }
    LocalCluster cluster = new LocalCluster(config.toAbsolutePath(), null);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.close();
      stopped.countDown();
    }));
    for (int i = 0; i < n; i++) {
      List<String> args = new ArrayList<>();
      if (trace != null) {
        args.add("--trace");
        args.add(trace.toAbsolutePath().toString());
      }
      Path dataDir = data != null ? data : config.resolve("data");
      args.add("--data");
      args.add(dataDir.toAbsolutePath().resolve("replica-" + i).toString());
      if (noFsync) {
        args.add("--no-fsync");
      }
      if (i == 0 && byzantine != null) {
        args.add("--byzantine");
        args.add(byzantine);
      }
      cluster.start(i, args);
    }
    spec.commandLine().getOut().println("started " + n + " replicas; Ctrl-C stops them. "
        + "Client: ./pbft client --config " + config);
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
