package org.pbft.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.pbft.config.ClusterConfig;
import org.pbft.config.ConfigException;
import org.pbft.config.NodeKeys;
import org.pbft.node.ClientNode;
import org.pbft.node.KvWorkload;
import org.pbft.node.NodeOptions;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pbft client}: key-value operations against a running cluster. */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = {"A key-value client of the cluster in --config DIR.",
        "Interactive (one operation a line): put KEY VALUE | get KEY | delete KEY | "
            + "cas KEY EXPECTED|- VALUE | quit. Gets are read-only requests (2f+1 matching "
            + "replies, no ordering).",
        "Scripted: --workload N runs N puts and gets and prints latencies."})
public final class ClientCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "DIR",
      description = "Cluster configuration directory.")
  Path config;

  @Option(names = "--id", defaultValue = "0", description = "Client id (default ${DEFAULT-VALUE}).")
  int id;

  @Option(names = "--workload", paramLabel = "N", description = "Run N scripted operations.")
  Integer workload;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Give up on an operation after this long (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ClusterConfig cluster;
    NodeKeys keys;
    try {
      cluster = ClusterConfig.load(config);
      keys = NodeKeys.load(config.resolve("client-" + id + ".key"));
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    try (ClientNode client = new ClientNode(cluster, keys, id, NodeOptions.defaults(), 50)) {
      if (workload != null) {
        return runWorkload(out, client, timeout);
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      out.println("connected to " + cluster.n() + " replicas; put/get/delete/cas, quit to end");
      out.flush();
      String line;
      while ((line = in.readLine()) != null && !line.strip().equals("quit")) {
        if (line.isBlank()) {
          continue;
        }
        Optional<KvOperation> op = parse(line.strip());
        if (op.isEmpty()) {
          out.println("? put KEY VALUE | get KEY | delete KEY | cas KEY EXPECTED|- VALUE | quit");
        } else {
          try {
            byte[] bytes = op.get().encode();
            ClientNode.Completion c = op.get() instanceof KvOperation.Get
                ? client.invokeReadOnly(bytes, timeout) : client.invoke(bytes, timeout);
            KvResult r = KvResult.decode(c.result());
            out.println(String.format(Locale.ROOT, "%s %s (view %d, %.1f ms)", r.status(),
                r.value() == null ? "(none)" : r.value(), c.view(), c.latencyNanos() / 1e6));
          } catch (TimeoutException e) {
            out.println("no result within " + timeoutSeconds + " s: are f+1 replicas up?");
          }
        }
        out.flush();
      }
    }
    return 0;
  }

  private int runWorkload(PrintWriter out, ClientNode client, Duration timeout)
      throws InterruptedException {
    KvWorkload w = new KvWorkload(client, "c" + id + "-key", 16, timeout);
    long start = System.nanoTime();
    try {
      w.run(workload, c -> { });
      w.verifyAcknowledgedWrites();
    } catch (TimeoutException e) {
      out.println("an operation got no result within " + timeout.toSeconds() + " s after "
          + w.operations() + " operations");
      return 1;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    DescriptiveStatistics l = w.latencies();
    out.println(String.format(Locale.ROOT, "%d operations in %.1f s (%.0f ops/s); latency p50 "
        + "%.2f ms, p99 %.2f ms; view %d; gets: %s; %s", w.operations(), seconds,
        w.operations() / seconds, l.getPercentile(50), l.getPercentile(99), w.maxView(),
        client.readOnlyCounts(),
        w.anomalies().isEmpty() ? "every acknowledged write read back"
            : w.anomalies().size() + " anomalies: " + w.anomalies()));
    return w.anomalies().isEmpty() ? 0 : 1;
  }

  static Optional<KvOperation> parse(String line) {
    String[] w = line.split("\\s+");
    return Optional.ofNullable(switch (w[0]) {
      case "put" -> w.length == 3 ? new KvOperation.Put(w[1], w[2]) : null;
      case "get" -> w.length == 2 ? new KvOperation.Get(w[1]) : null;
      case "delete" -> w.length == 2 ? new KvOperation.Delete(w[1]) : null;
      case "cas" -> w.length == 4
          ? new KvOperation.CompareAndSet(w[1], w[2].equals("-") ? null : w[2], w[3]) : null;
      default -> null;
    });
  }
}
