package org.pbft.cli;

import static org.pbft.tlc.Numbers.count;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pbft.report.CounterexamplePage;
import org.pbft.tlc.DistributedSettings;
import org.pbft.tlc.DistributedTlcRunner;
import org.pbft.tlc.Simulation;
import org.pbft.tlc.TlcOutcome;
import org.pbft.tlc.TlcResult;
import org.pbft.tlc.TlcRunSettings;
import org.pbft.tlc.TlcRunner;
import org.pbft.tlc.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pbft check}: runs TLC on models, one at a time, and judges each by its header. */
@Command(
    name = "check",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Model-checks the TLA+ spec with TLC and compares each result with the expectation in the "
            + "model's .cfg header ('\\* EXPECT: PASS distinct >= N' or "
            + "'\\* EXPECT: VIOLATION Name').",
        "Without options: checks " + ModelSelection.MAIN + "."})
final class CheckCommand implements Callable<Integer> {
  private static final int ERROR_LINES_SHOWN = 40;

  @Option(names = {"-c", "--config"}, arity = "1..*", paramLabel = "FILE",
      description = "Model(s) to check (.cfg files).")
  List<Path> configs = new ArrayList<>();

  @Option(names = "--mutants", description = "Check every mutant under spec/mutants/; each must "
      + "be refuted.")
  boolean mutants;

  @Option(names = "--debug", description = "Check the Debug models of spec/ (reachability checks "
      + "expected to fail).")
  boolean debug;

  @Option(names = "--all", description = "Check every model under spec/: main, Debug, mutants.")
  boolean all;

  @Option(names = {"-w", "--workers"}, paramLabel = "N",
      description = "TLC worker threads (default: number of cores, ${DEFAULT-VALUE}).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--max-heap", paramLabel = "SIZE",
      description = "Heap of the TLC JVM, such as 8g (default: half the machine's memory).")
  String maxHeap;

  @Option(names = "--no-deadlock", description = "Do not report deadlocks (TLC's -deadlock).")
  boolean noDeadlock;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Stop a TLC run after this long and count it as failed (default: none).")
  long timeoutSeconds;

  @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "5",
      description = "Seconds between progress lines on stderr (default: ${DEFAULT-VALUE}).")
  double progressSeconds;

  @Option(names = "--distributed", description = "Run one model in TLC's distributed mode: "
      + "start a TLC server here and print the command that attaches a worker from another host.")
  boolean distributed;

  @Option(names = "--host", paramLabel = "NAME",
      description = "With --distributed: the name or address under which workers reach this "
          + "machine (default: this machine's host name).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "10997",
      description = "With --distributed: the server's RMI registry port (default: "
          + "${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--local-workers", paramLabel = "N", defaultValue = "0",
      description = "With --distributed: also start N worker processes on this machine "
          + "(default: ${DEFAULT-VALUE}, only workers attached from other hosts).")
  int localWorkers;

  @Option(names = "--behaviours", paramLabel = "N",
      description = "For a model whose header has SIMULATE: generate N random behaviours instead "
          + "of the header's budget (a longer run by hand).")
  long behaviours;

  @Option(names = "--seed", paramLabel = "S",
      description = "For a model whose header has SIMULATE: TLC's random seed instead of the "
          + "header's.")
  Long seed;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path root = Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")));
    List<String> usage = new ArrayList<>();
    TlcRunSettings settings = settings(root, usage);
    ModelSelection selection = select(root);
    usage.addAll(selection.problems());
    DistributedSettings cluster = distributed ? cluster(selection, usage) : null;
    if (!usage.isEmpty()) {
      usage.forEach(p -> err.println("pbft check: " + p));
      err.println("pbft check: nothing was checked (see pbft check --help)");
      return 2;
    }
    return new CheckRun(out, err, settings, cluster, selection, root, progressSeconds,
        this::simulation).run();
  }

  /** The model's SIMULATE budget with the command line's overrides, or null. */
  private Simulation simulation(Simulation header) {
    if (header == null) {
      return null;
    }
    return new Simulation(behaviours > 0 ? behaviours : header.behaviours(), header.depth(),
        seed != null ? seed : header.seed());
  }

  private DistributedSettings cluster(ModelSelection selection, List<String> usage) {
    if (selection.models().size() > 1) {
      usage.add("--distributed checks one model at a time; name one with --config");
    }
    if (selection.models().stream()
        .anyMatch(m -> m.model().expectation().simulation() != null)) {
      usage.add("--distributed exhausts a model; a model with a SIMULATE header runs without it");
    }
    if (port < 1 || port > 65_535) {
      usage.add("--port must be in 1..65535, not " + port);
    }
    if (localWorkers < 0) {
      usage.add("--local-workers must not be negative");
    }
    if (!usage.isEmpty()) {
      return null;
    }
    String name = host;
    if (name == null || name.isBlank()) {
      try {
        name = java.net.InetAddress.getLocalHost().getCanonicalHostName();
      } catch (java.net.UnknownHostException e) {
        usage.add("cannot find this machine's host name (" + e.getMessage() + "); give it with "
            + "--host");
        return null;
      }
    }
    return new DistributedSettings(name, port, localWorkers, workers);
  }

  private ModelSelection select(Path root) throws IOException {
    ModelSelection selection = new ModelSelection(root);
    configs.forEach(selection::addConfig);
    if (all) {
      selection.addAll();
    }
    if (debug && !all) {
      selection.addDebug();
    }
    if (mutants && !all) {
      selection.addMutants();
    }
    if (configs.isEmpty() && !all && !debug && !mutants) {
      selection.addMain();
    }
    return selection;
  }

  private TlcRunSettings settings(Path root, List<String> usage) {
    if (workers < 1) {
      usage.add("--workers must be at least 1");
      workers = 1;
    }
    if (maxHeap != null && !maxHeap.matches("\\d+[kKmMgGtT]?")) {
      usage.add("--max-heap takes a size such as 8g or 4096m, not '" + maxHeap + "'");
      maxHeap = null;
    }
    if (timeoutSeconds < 0) {
      usage.add("--timeout must not be negative");
    }
    if (behaviours < 0) {
      usage.add("--behaviours must be at least 1");
    }
    Path specDir = root.resolve("spec");
    return TlcRunSettings.defaults()
        .withWorkers(workers)
        .withMaxHeap(maxHeap)
        .withCheckDeadlock(!noDeadlock)
        .withLibraryPaths(Files.isDirectory(specDir) ? List.of(specDir) : List.of())
        .withTimeout(timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null);
  }

  /** One invocation's runs and the report. */
  private static final class CheckRun {
    private final PrintWriter out;
    private final PrintWriter err;
    private final TlcRunSettings settings;
    private final DistributedSettings cluster;
    private final ModelSelection selection;
    private final Path logDir;
    private final double progressSeconds;
    private final java.util.function.UnaryOperator<Simulation> simulation;

    CheckRun(PrintWriter out, PrintWriter err, TlcRunSettings settings,
        DistributedSettings cluster, ModelSelection selection, Path root, double progressSeconds,
        java.util.function.UnaryOperator<Simulation> simulation) {
      this.simulation = simulation;
      this.out = out;
      this.err = err;
      this.settings = settings;
      this.cluster = cluster;
      this.selection = selection;
      this.logDir = root.resolve("target").resolve("tlc");
      this.progressSeconds = progressSeconds;
    }

    int run() throws InterruptedException {
      List<MutantTable.Row> mutantRows = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      List<ModelSelection.Selected> models = selection.models();
      for (ModelSelection.Selected s : models) {
        Verdict verdict = check(s, mutantRows);
        if (!verdict.ok()) {
          failed.add(s.shownAs());
        }
      }
      if (!mutantRows.isEmpty()) {
        out.println();
        MutantTable.print(out, mutantRows);
      }
      if (models.size() > 1) {
        out.println(failed.isEmpty()
            ? "PASS all " + models.size() + " models met their expectations"
            : "FAIL " + failed.size() + " of " + models.size()
                + " models did not meet their expectations: " + String.join(", ", failed));
      }
      out.flush();
      return failed.isEmpty() ? 0 : 1;
    }

    private Verdict check(ModelSelection.Selected s, List<MutantTable.Row> mutantRows)
        throws InterruptedException {
      String title = s.model().title().isEmpty() ? "" : " (" + s.model().title() + ")";
      err.println("checking " + s.shownAs() + title + ": expecting "
          + s.model().expectation().describe() + "; " + (cluster == null
              ? "TLC with " + settings.workers() + " workers"
              : "distributed TLC, server at " + cluster.host() + ":" + cluster.port() + ", "
                  + cluster.localWorkers() + " local workers"));
      err.flush();
      Path log = logDir.resolve(s.shownAs().replace('/', '_').replace('\\', '_') + ".log");
      Simulation sim = simulation.apply(s.model().expectation().simulation());
      if (sim != null) {
        err.println("  random simulation: " + count(sim.behaviours()) + " behaviours of at most "
            + sim.depth() + " states, seed " + sim.seed());
      }
      TlcResult result;
      try {
        ProgressPrinter progress = new ProgressPrinter(err, s.shownAs(), progressSeconds);
        result = cluster == null
            ? new TlcRunner(settings.withLogFile(log).withSimulation(sim))
                .run(s.model().cfg(), s.model().spec(), progress)
            : new DistributedTlcRunner(settings.withLogFile(log), cluster)
                .run(s.model().cfg(), s.model().spec(), this::announce, progress);
      } catch (IOException e) {
        out.println("FAIL " + s.shownAs() + ": could not run TLC: " + e);
        out.flush();
        return new Verdict(false, e.toString());
      }
      Verdict verdict = Verdict.judge(s.model().expectation(), result);
      out.println((verdict.ok() ? "PASS " : "FAIL ") + s.shownAs() + ": " + verdict.reason());
      if (!verdict.ok()) {
        explain(result, log);
      }
      CounterexamplePage.forResult(result, s.model(), log, logDir.resolveSibling("check"),
          selection::show).ifPresent(line -> out.println("    " + line));
      out.flush();
      if (s.mutant()) {
        String name = s.model().cfg().getFileName().toString().replaceFirst("\\.cfg$", "");
        mutantRows.add(new MutantTable.Row(name, s.model().expectation().violation(),
            verdict.ok(), result));
      }
      return verdict;
    }

    private void announce(String text) {
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    }

    /** What a person needs to act on a failure: TLC's own words, a hint, the full log. */
    private void explain(TlcResult result, Path log) {
      List<String> text = result.errorText();
      text.stream().limit(ERROR_LINES_SHOWN).forEach(line -> out.println("    " + line));
      if (text.size() > ERROR_LINES_SHOWN) {
        out.println("    ... (" + count(text.size() - ERROR_LINES_SHOWN) + " more lines)");
      }
      if (result.outcome() == TlcOutcome.OUT_OF_MEMORY) {
        out.println("    hint: give TLC more heap with --max-heap, for example --max-heap 8g");
      }
      out.println("    full TLC output: " + selection.show(log));
    }
  }
}
