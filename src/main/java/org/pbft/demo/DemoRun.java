package org.pbft.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.pbft.config.ClusterConfig;
import org.pbft.config.ConfigException;
import org.pbft.config.Keygen;
import org.pbft.config.NodeKeys;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.SpecAction;
import org.pbft.node.ClientNode;
import org.pbft.node.GroupCheck;
import org.pbft.node.KvWorkload;
import org.pbft.node.LocalCluster;
import org.pbft.node.NodeOptions;
import org.pbft.tlc.TlcRunSettings;
import org.pbft.trace.TraceFormatException;
import org.pbft.trace.TraceMerge;
import org.pbft.trace.TraceParams;
import org.pbft.trace.TraceReader;
import org.pbft.trace.TraceRecord;
import org.pbft.trace.TraceValidator;
import org.pbft.trace.Validation;

/**
 * The demo, step by step: 4 replica processes on loopback, replica 0 an equivocating primary,
 * each correct replica with a data directory (its input log); a client workload that goes
 * through the view change to view 1; a rolling SIGKILL under load (backup 3, then backup 2: each
 * killed while operations run, the others keep serving, then restarted from its data
 * directory); then all four killed at once and started again, and every acknowledged write read
 * back; the replicas stopped and the whole traces of the correct replicas 1, 2 and 3, before and
 * after their restarts, merged and validated with TLC.
 *
 * <p>A crash of a durable replica is not a fault (proofs-notes/10-crash-recovery.md): a
 * restarted replica replays its log and continues as the same correct replica, and its trace
 * says so with a Restart event, which spec/PBFT.tla!Restart explains. So the run has one fault,
 * replica 0, within f = 1.
 */
public final class DemoRun {
  static final int N = 4;
  static final int BYZANTINE = 0;
  /** The correct replicas killed and restarted one at a time, in this order. */
  static final List<Integer> ROLLING = List.of(3, 2);
  private static final String MARKER = ".pbft-demo";

  private final DemoOptions options;
  private final PrintWriter out;
  private final long started = System.nanoTime();
  private int writesVerified;
  private int crashes;
  // The load of killUnderLoad runs on another thread.
  private final List<DemoResult.Sample> samples = Collections.synchronizedList(new ArrayList<>());
  private final List<DemoResult.Moment> moments = new ArrayList<>();

  public DemoRun(DemoOptions options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the demo, prints its summary and writes the report; returns the exit code. */
  public static int main(DemoOptions options, PrintWriter out, PrintWriter err) {
    DemoResult result;
    try {
      result = new DemoRun(options, out).run();
    } catch (IOException | TraceFormatException | ConfigException e) {
      err.println("pbft demo: " + e.getMessage());
      return 2;
    } catch (TimeoutException e) {
      err.println("pbft demo: an operation did not complete in time: " + e.getMessage()
          + "; see the replica logs under " + options.out().resolve("logs"));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("pbft demo: interrupted");
      return 1;
    }
    DemoSummary.print(out, result);
    Path report = options.out().resolve("report.html");
    try {
      DemoReport.write(report, result);
      out.println("report: " + report);
    } catch (IOException e) {
      err.println("pbft demo: cannot write " + report + ": " + e.getMessage());
    }
    result.anomalies().forEach(a -> out.println("anomaly: " + a));
    out.println(result.ok() ? "PASS" : "FAIL");
    out.flush();
    return result.ok() ? 0 : 1;
  }

  /** Runs the demo; the result says whether every check passed. */
  public DemoResult run() throws IOException, InterruptedException, TimeoutException,
      TraceFormatException, ConfigException {
    Path dir = prepareRunDirectory(options.out());
    Path config = dir.resolve("config");
    Path traces = dir.resolve("traces");
    Path data = dir.resolve("data");
    checkPortsFree();
    Keygen.generate(N, 1, "127.0.0.1", options.basePort(), config, new SecureRandom());
    say("configuration and keys for " + N + " replicas and 1 client in " + config);

    ClusterConfig cluster = ClusterConfig.load(config);
    KvWorkload workload;
    try (LocalCluster replicas = new LocalCluster(config, dir.resolve("logs"))) {
      for (int i = 0; i < N; i++) {
        replicas.start(i, replicaArgs(i, traces, data));
      }
      say("started replicas 0..3 on 127.0.0.1:" + options.basePort() + "-"
          + (options.basePort() + N - 1) + "; replica 0, the primary of view 0, equivocates; "
          + "the others keep their state in " + data + " (logs in " + dir.resolve("logs") + ")");
      for (int i = 0; i < N; i++) {
        LocalCluster.awaitListening(cluster.address(i));
      }
      say("all replicas accept connections");
      NodeKeys clientKeys = NodeKeys.load(config.resolve("client-0.key"));
      try (ClientNode client = new ClientNode(cluster, clientKeys, 0, NodeOptions.defaults(),
          50)) {
        workload = new KvWorkload(client, "key", 16, Duration.ofSeconds(30));
        long[] shownView = {-1};
        workload.run(options.opsPerPhase(), c -> {
          sample(c);
          if (c.view() > shownView[0]) {
            shownView[0] = c.view();
            say(String.format(Locale.ROOT, "operation %d completed in view %d (primary %d) "
                + "after %.0f ms%s", workload.operations(), c.view(), c.view() % N,
                c.latencyNanos() / 1e6, c.view() > 0
                    ? ": the view change replaced the equivocating primary" : ""));
          }
        });
        say(workload.operations() + " operations done, now in view " + workload.maxView());

        for (int r : ROLLING) {
          killUnderLoad(replicas, r, workload);
          say(workload.operations() + " operations done; replica " + r
              + " was killed (SIGKILL) while they ran, the others kept serving");
          int restartsBefore = restarts(traces, r);
          replicas.start(r, replicaArgs(r, traces, data));
          LocalCluster.awaitListening(cluster.address(r));
          awaitRestart(traces, r, restartsBefore);
          moment("replica " + r + " restarted");
          say("restarted replica " + r + " from its data directory: it replayed its input log "
              + "and continues as the same replica");
          workload.run(options.opsPerPhase() / 2, this::sample);
        }
        for (int r : ROLLING) {
          TraceRecord caughtUp = awaitCaughtUp(traces, r, workload);
          say(caughtUp == null ? "replica " + r + " did not reach a stable checkpoint within 60 s"
              : "replica " + r + " caught up: " + (caughtUp.action() == SpecAction.StateTransfer
                  ? "state transfer to checkpoint " : "stable checkpoint ") + caughtUp.seq()
                  + "; " + workload.operations() + " operations done");
        }

        for (int i = 0; i < N; i++) {
          replicas.kill(i);
        }
        crashes += N;
        moment("all four killed");
        say("killed all four replicas at once (SIGKILL), as a power cut would");
        int[] restartsBefore = new int[N];
        for (int i = 0; i < N; i++) {
          restartsBefore[i] = restarts(traces, i);
          replicas.start(i, replicaArgs(i, traces, data));
        }
        for (int i = 0; i < N; i++) {
          LocalCluster.awaitListening(cluster.address(i));
          if (i != BYZANTINE) {
            awaitRestart(traces, i, restartsBefore[i]);
          }
        }
        moment("all four restarted");
        say("started all four again; the correct ones replayed their logs (the Byzantine "
            + "replica 0 keeps nothing)");
        writesVerified = workload.verifyAcknowledgedWrites();
        say("read back " + writesVerified + " keys: " + (workload.anomalies().isEmpty()
            ? "every acknowledged write is there" : workload.anomalies().size() + " anomalies"));
        workload.run(options.opsPerPhase() / 2, this::sample);
        say(workload.operations() + " operations done after the restart of all four");
      }
      Thread.sleep(300);
    }
    say("stopped the replicas");
    return validate(dir, traces, workload);
  }

  /** The arguments of replica {@code i}: its trace, its data directory, its strategy. */
  private static List<String> replicaArgs(int i, Path traces, Path data) {
    // Checkpoints as the validation below expects them, often enough to be seen in a short run.
    List<String> args = new ArrayList<>(List.of("--trace", traces.toString(),
        "--checkpoint-interval",
        String.valueOf(ReplicaConfig.forShortRuns(N).checkpointInterval())));
    if (i == BYZANTINE) {
      args.addAll(List.of("--byzantine", "equivocate"));
    } else {
      // Small snapshots, so that the restarts replay a snapshot and the log written after it.
      args.addAll(List.of("--data", data.resolve("replica-" + i).toString(),
          "--snapshot-mib", "0.0625"));
    }
    return args;
  }

  /** Kills replica {@code r} while the workload runs operations, and lets them finish. */
  private void killUnderLoad(LocalCluster replicas, int r, KvWorkload workload)
      throws InterruptedException, TimeoutException {
    int ops = options.opsPerPhase();
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
      try {
        workload.run(ops, this::sample);
      } catch (TimeoutException e) {
        throw new CompletionException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
    });
    Thread.sleep(300);
    replicas.kill(r);
    crashes++;
    moment("replica " + r + " killed");
    try {
      load.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException t) {
        throw t;
      }
      throw new IllegalStateException("the workload failed", e.getCause());
    }
  }

  private DemoResult validate(Path dir, Path traces, KvWorkload workload)
      throws IOException, InterruptedException, TraceFormatException {
    Path validated = dir.resolve("traces-validated");
    Files.createDirectories(validated);
    List<List<TraceRecord>> perReplica = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      Path file = traces.resolve("replica-" + i + ".ndjson");
      if (i != BYZANTINE && Files.exists(file)) {
        Path copy = validated.resolve(file.getFileName());
        Files.writeString(copy, completeLines(file), StandardCharsets.UTF_8);
        perReplica.add(TraceReader.read(copy));
      }
    }
    List<TraceRecord> merged = TraceMerge.merge(perReplica);
    long restarts = merged.stream().filter(e -> e.action() == SpecAction.Restart).count();
    say("merged " + merged.size() + " trace events of replicas 1, 2 and 3, before and after "
        + "their " + restarts + " restarts, by Lamport clock; validating against "
        + "spec/PBFT.tla with TLC ...");
    ReplicaConfig protocol = ReplicaConfig.forShortRuns(N);
    TraceParams params = TraceParams.of(protocol, Set.of(BYZANTINE));
    TraceValidator validator = new TraceValidator(options.root(), TlcRunSettings.defaults(),
        null);
    Validation v = validator.validate(merged, params);
    say(switch (v.verdict()) {
      case CONFORMS -> String.format(Locale.ROOT, "conforms: %d events (%.1f s)", v.events(),
          v.seconds());
      case DOES_NOT_CONFORM -> "does not conform: event " + v.firstUnmatchedIndex() + " ("
          + v.firstUnmatched().describe() + " at " + v.firstUnmatched().where()
          + ") is the first the spec cannot explain; rerun: ./pbft validate --checkpoint-interval "
          + protocol.checkpointInterval() + " --window " + protocol.logWindow() + " "
          + validated;
      case ERROR -> "validation undecided: " + v.error();
    });
    Set<Long> views = new TreeSet<>();
    merged.stream().filter(e -> e.action() == SpecAction.SendNewView
        || e.action() == SpecAction.ReceiveNewView).forEach(e -> views.add(e.view()));
    long checkpoints = merged.stream().filter(e -> e.action() == SpecAction.StableCheckpoint)
        .map(TraceRecord::seq).distinct().count();
    long transfers = merged.stream().filter(e -> e.action() == SpecAction.StateTransfer).count();
    GroupCheck.Verdict group = GroupCheck.check(TracedPositions.of(merged),
        protocol.checkpointInterval());
    say(group.whole() ? "every correct replica ended in the group: " + String.join("; ",
        group.positions()) : "a correct replica is out of the group: " + String.join("; ",
        group.departures()));
    return new DemoResult(workload.operations(), workload.latencies(), workload.maxView(),
        views.size(), checkpoints, transfers, writesVerified, workload.anomalies(), merged,
        crashes, (int) restarts, restartsFromSnapshots(dir.resolve("logs")), v,
        elapsed(), samples, moments, conflictingIgnored(dir.resolve("logs")), group);
  }

  private void sample(ClientNode.Completion c) {
    samples.add(new DemoResult.Sample(elapsed(), c.latencyNanos() / 1e6, c.view()));
  }

  private void moment(String what) {
    moments.add(new DemoResult.Moment(elapsed(), what));
  }

  private double elapsed() {
    return (System.nanoTime() - started) / 1e9;
  }

  private static final Pattern CONFLICTING = Pattern.compile("CONFLICTING_PRE_PREPARE=(\\d+)");

  /**
   * Per replica, the PRE-PREPAREs ignored as conflicting with one already accepted, from the last
   * "stopped" line of its log (the counts of one process's lifetime).
   */
  private static Map<Integer, Integer> conflictingIgnored(Path logs) throws IOException {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < N; i++) {
      Path log = logs.resolve("replica-" + i + ".log");
      if (!Files.exists(log)) {
        continue;
      }
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.contains(" stopped;")) {
          Matcher m = CONFLICTING.matcher(line);
          counts.put(i, m.find() ? Integer.parseInt(m.group(1)) : 0);
        }
      }
    }
    return counts;
  }

  /** Restarts that began from a snapshot, as the replicas' logs say. */
  private static int restartsFromSnapshots(Path logs) throws IOException {
    int count = 0;
    for (int i = 0; i < N; i++) {
      Path log = logs.resolve("replica-" + i + ".log");
      if (Files.exists(log)) {
        count += (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(l -> l.contains("recovered from") && l.contains("a snapshot of")).count();
      }
    }
    return count;
  }

  /** The file's complete lines: a process killed while writing may leave half a line. */
  private static String completeLines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? "" : text.substring(0, end + 1);
  }

  private static List<TraceRecord> readIfPresent(Path file)
      throws IOException, TraceFormatException {
    if (!Files.exists(file)) {
      return List.of();
    }
    Path complete = file.resolveSibling(file.getFileName() + ".complete");
    Files.writeString(complete, completeLines(file), StandardCharsets.UTF_8);
    return TraceReader.read(complete);
  }

  /** The Restart events in replica {@code r}'s trace so far. */
  private static int restarts(Path traces, int r) throws IOException, TraceFormatException {
    return (int) readIfPresent(traces.resolve("replica-" + r + ".ndjson")).stream()
        .filter(e -> e.action() == SpecAction.Restart).count();
  }

  /**
   * Waits until replica {@code r} has recovered: its trace holds a Restart event more than
   * {@code before}. Its port opens before it has replayed its log; its Restart comes after.
   */
  private static void awaitRestart(Path traces, int r, int before)
      throws IOException, InterruptedException, TraceFormatException, TimeoutException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (restarts(traces, r) <= before) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("replica " + r + " did not finish its recovery within 60 s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Waits (running more operations) until replica {@code r}, after its last restart, takes part
   * in a stable checkpoint: by executing up to it, or by a state transfer when what it missed
   * while it was down was already garbage-collected. Returns the event, or null after 60 s.
   */
  private TraceRecord awaitCaughtUp(Path traces, int r, KvWorkload workload)
      throws IOException, InterruptedException, TimeoutException, TraceFormatException {
    Path file = traces.resolve("replica-" + r + ".ndjson");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      List<TraceRecord> events = readIfPresent(file);
      int restart = events.size();
      while (restart > 0 && events.get(restart - 1).action() != SpecAction.Restart) {
        restart--;
      }
      for (TraceRecord e : events.subList(restart, events.size())) {
        if (e.action() == SpecAction.StableCheckpoint || e.action() == SpecAction.StateTransfer) {
          return e;
        }
      }
      workload.run(10, this::sample);
    }
    return null;
  }

  /** The run directory, emptied if it is a previous demo's; never someone else's directory. */
  private static Path prepareRunDirectory(Path dir) throws IOException {
    if (Files.exists(dir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        throw new IOException(dir + " exists and was not written by pbft demo: choose another "
            + "--out");
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "a pbft demo run; deleted by the next one\n");
    return dir;
  }

  private void checkPortsFree() throws IOException {
    for (int i = 0; i < N; i++) {
      int port = options.basePort() + i;
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port));
      } catch (IOException e) {
        throw new IOException("port " + port + " on 127.0.0.1 is in use: choose another "
            + "--base-port (" + e.getMessage() + ")");
      }
    }
  }

  private void say(String line) {
    out.println(String.format(Locale.ROOT, "[%5.1f s] %s", (System.nanoTime() - started) / 1e9,
        line));
    out.flush();
  }
}
