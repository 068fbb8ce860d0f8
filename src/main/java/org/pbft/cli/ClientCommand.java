package org.pbft.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.pbft.node.ClientTimestamps;
import org.pbft.node.KvWorkload;
import org.pbft.node.NoResult;
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
        "Scripted: --workload N runs N puts and gets and prints latencies.",
        "Request timestamps come from the clock and grow across sessions of the same id: the "
            + "session keeps a small reservation file, client-ID.timestamp, in --data DIR "
            + "(default: the --config directory), rewritten about once a second while requests "
            + "run, so a clock set back between sessions cannot make replicas ignore the new "
            + "session's requests as stale. One session per client id at a time."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every operation completed (and, with --workload, every write read back)",
        "1:an operation got no result in time (the report says what each replica did), or the "
            + "workload saw an anomaly",
        "2:usage or configuration error (options, key file, timestamp file)"})
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

  @Option(names = "--data", paramLabel = "DIR",
      description = "Where this client keeps client-ID.timestamp, the floor of its request "
          + "timestamps across sessions (default: the --config directory).")
  Path data;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClusterConfig cluster;
    NodeKeys keys;
    try {
      cluster = ClusterConfig.load(config);
      keys = NodeKeys.load(config.resolve("client-" + id + ".key"));
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
    }
    Path dataDir = data != null ? data : config;
    ClientTimestamps timestamps;
    try {
      Files.createDirectories(dataDir);
      timestamps = ClientTimestamps.persisted(dataDir.resolve("client-" + id + ".timestamp"),
          ClientTimestamps::wallClockMicros, ClientTimestamps.DEFAULT_WINDOW_MICROS,
          warning -> {
            err.println("pbft client: " + warning);
            err.flush();
          });
    } catch (IOException e) {
      err.println("pbft client: cannot create --data directory " + dataDir + ": " + e);
      return 2;
    } catch (ClientTimestamps.TimestampFileException e) {
      err.println("pbft client: " + e.getMessage());
      return 2;
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    try (timestamps; ClientNode client = new ClientNode(cluster, keys, id,
        NodeOptions.defaults(), 50, timestamps)) {
      if (workload != null) {
        return runWorkload(out, err, client, timeout);
      }
      return interactive(out, err, cluster, client, timeout);
    } catch (ClientTimestamps.TimestampFileException e) {
      err.println("pbft client: " + e.getMessage());
      return 2;
    }
  }

  private int interactive(PrintWriter out, PrintWriter err, ClusterConfig cluster,
      ClientNode client, Duration timeout) throws IOException, InterruptedException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    out.println("client " + id + " of the " + cluster.n() + " replicas in " + config
        + "; put/get/delete/cas, quit to end");
    out.flush();
    int failed = 0;
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
        } catch (NoResult e) {
          failed++;
          out.flush();
          err.println(line.strip() + ": " + report(e));
          if (!(op.get() instanceof KvOperation.Get)) {
            err.println("'" + line.strip() + "' may still take effect later: read the key back "
                + "before repeating it");
          }
          err.flush();
        }
      }
      out.flush();
    }
    return failed == 0 ? 0 : 1;
  }

  private int runWorkload(PrintWriter out, PrintWriter err, ClientNode client, Duration timeout)
      throws InterruptedException {
    KvWorkload w = new KvWorkload(client, "c" + id + "-key", 16, timeout);
    long start = System.nanoTime();
    try {
      w.run(workload, c -> { });
      w.verifyAcknowledgedWrites();
    } catch (TimeoutException e) {
      err.println("after " + w.operations() + " completed operations of the workload: "
          + (e instanceof NoResult n ? report(n) : "no result within " + timeout.toSeconds()
              + " s"));
      err.println("a write without a result may still take effect later");
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

  /** The report of {@code e} with results decoded and the replica command spelled out. */
  private String report(NoResult e) {
    return e.describe(ClientCommand::describeResult)
        .replace("pbft replica --config DIR --id I", "./pbft replica --config " + config
            + " --id I");
  }

  static String describeResult(byte[] bytes) {
    try {
      KvResult r = KvResult.decode(bytes);
      return "'" + r.status() + (r.value() == null ? "" : " " + r.value()) + "'";
    } catch (RuntimeException e) {
      return bytes.length + " bytes that are no key-value result";
    }
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
