package org.pbft.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.pbft.core.ReplicaConfig;
import org.pbft.sim.SimParams;
import org.pbft.tlc.TlcRunSettings;
import org.pbft.trace.TraceFormatException;
import org.pbft.trace.TraceInput;
import org.pbft.trace.TraceParams;
import org.pbft.trace.TraceRecord;
import org.pbft.trace.TraceValidator;
import org.pbft.trace.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pbft validate}: replays implementation traces against the spec with TLC. */
@Command(
    name = "validate",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Checks that the spec (spec/PBFT.tla, through trace-validation/TracePBFT.tla) explains "
            + "each trace: TLC replays its events in causal order, each as the spec action of the "
            + "same name.",
        "A TRACE is a directory of per-replica NDJSON files (replica-<i>.ndjson, as written by "
            + "'pbft simulate --trace DIR'), a directory of such directories (DIR itself), or "
            + "NDJSON files that together form one trace.",
        "Prints 'conforms: N events' per trace, or the first event the spec cannot explain with "
            + "the spec state before it and the actions enabled there."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every trace conforms",
        "1:a trace does not conform, or TLC could not decide",
        "2:usage error, unreadable or malformed trace"})
final class ValidateCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "TRACE", description = "Trace directories or files.")
  List<Path> traces = new ArrayList<>();

  @Option(names = "--replicas", paramLabel = "N",
      description = "Replicas in the group (default: the simulator's, ${DEFAULT-VALUE}).")
  int replicas = simulatorConfig().n();

  @Option(names = "--checkpoint-interval", paramLabel = "K",
      description = "Checkpoint interval K (default: the simulator's, ${DEFAULT-VALUE}).")
  long checkpointInterval = simulatorConfig().checkpointInterval();

  @Option(names = "--window", paramLabel = "L",
      description = "Log window L (default: the simulator's, ${DEFAULT-VALUE}).")
  long window = simulatorConfig().logWindow();

  @Option(names = "--byzantine", paramLabel = "IDS", split = ",",
      description = "The Byzantine replicas, comma-separated (default: the replicas with no "
          + "event in the trace; a faulty replica's events are not traced).")
  List<Integer> byzantine;

  @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "1",
      description = "TLC worker threads (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
      description = "Stop TLC after this long per run; 0 for no limit (default).")
  long timeoutSeconds;

  @Option(names = "--keep", paramLabel = "DIR",
      description = "Leave the generated TraceData.tla, TracePBFT.tla and cfg in DIR, to rerun "
          + "TLC by hand (only with one trace).")
  Path keep;

  @Spec
  CommandSpec spec;

  private static ReplicaConfig simulatorConfig() {
    return SimParams.defaults().replicaConfig();
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (workers < 1 || timeoutSeconds < 0 || replicas < 1) {
      err.println("pbft validate: --workers and --replicas must be positive, --timeout not "
          + "negative");
      return 2;
    }
    Path root = Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")));
    List<TraceInput> inputs;
    try {
      inputs = TraceInput.of(traces);
    } catch (IOException e) {
      err.println("pbft validate: cannot read " + e.getMessage());
      return 2;
    }
    if (keep != null && inputs.size() > 1) {
      err.println("pbft validate: --keep takes one trace, not " + inputs.size());
      return 2;
    }
    TlcRunSettings settings = TlcRunSettings.defaults().withWorkers(workers)
        .withTimeout(timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null);
    TraceValidator validator = new TraceValidator(root, settings, keep);
    int failed = 0;
    int undecided = 0;
    long totalEvents = 0;
    double totalSeconds = 0;
    for (TraceInput input : inputs) {
      List<TraceRecord> events;
      TraceParams params;
      try {
        events = input.read();
        params = params(events);
      } catch (TraceFormatException e) {
        err.println("pbft validate: malformed trace: " + e.getMessage());
        return 2;
      } catch (IOException e) {
        err.println("pbft validate: cannot read " + e.getMessage());
        return 2;
      } catch (IllegalArgumentException e) {
        err.println("pbft validate: " + input.name() + ": " + e.getMessage());
        return 2;
      }
      Validation v;
      try {
        v = validator.validate(events, params);
      } catch (IOException e) {
        out.println(input.name() + ": could not run TLC: " + e);
        undecided++;
        continue;
      }
      totalEvents += v.events();
      totalSeconds += v.seconds();
      report(out, input, params, v);
      if (v.verdict() == Validation.Verdict.DOES_NOT_CONFORM) {
        failed++;
      } else if (v.verdict() == Validation.Verdict.ERROR) {
        undecided++;
      }
      out.flush();
    }
    if (inputs.size() > 1) {
      out.println(String.format(Locale.ROOT,
          "%s %d traces: %d conform, %d do not, %d undecided; %d events, %.1f s",
          failed + undecided == 0 ? "PASS" : "FAIL", inputs.size(),
          inputs.size() - failed - undecided, failed, undecided, totalEvents, totalSeconds));
    }
    out.flush();
    return failed + undecided == 0 ? 0 : 1;
  }

  private TraceParams params(List<TraceRecord> events) {
    Set<Integer> byz = byzantine != null ? new TreeSet<>(byzantine)
        : TraceParams.silentReplicas(replicas, events);
    return new TraceParams(replicas, (replicas - 1) / 3, checkpointInterval, window, byz);
  }

  private static void report(PrintWriter out, TraceInput input, TraceParams p, Validation v) {
    String where = input.name() + ": ";
    switch (v.verdict()) {
      case CONFORMS -> out.println(where + String.format(Locale.ROOT,
          "conforms: %d events (%.1f s)", v.events(), v.seconds()));
      case ERROR -> out.println(where + v.error());
      case DOES_NOT_CONFORM -> {
        TraceRecord e = v.firstUnmatched();
        out.println(where + String.format(Locale.ROOT,
            "does not conform: event %d of %d is the first the spec cannot explain (%.1f s)",
            v.firstUnmatchedIndex(), v.events(), v.seconds()));
        out.println("  event " + v.firstUnmatchedIndex() + ": " + e.describe() + " at "
            + e.where());
        out.println("  model: n = " + p.n() + ", f = " + p.f() + ", K = " + p.k() + ", L = "
            + p.l() + ", Byzantine " + p.byz());
        out.println("  spec state after events 1.." + v.matched()
            + " (one explanation), as TracePBFT.tla!DiagnosisInv prints it:");
        v.diagnosis().forEach(line -> out.println("    " + line));
      }
      default -> throw new AssertionError(v.verdict());
    }
  }
}
