package org.pbft.tlc;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs TLC on one model in a child JVM and reports what it found.
 *
 * <p>TLC keeps global static state and writes its working files to a metadata directory named
 * after the start second, so every run gets its own JVM and its own fresh scratch directory
 * (metadata, extracted standard modules, the child's entry class), deleted afterwards. The child
 * runs in the spec's directory, as TLC expects.
 */
public final class TlcRunner {
  private final TlcRunSettings settings;

  public TlcRunner(TlcRunSettings settings) {
    this.settings = settings;
  }

  /** Checks {@code spec} (a .tla file) against {@code cfg}; blocks until TLC is done. */
  public TlcResult run(Path cfg, Path spec, TlcProgressListener listener)
      throws IOException, InterruptedException {
    Path cfgFile = cfg.toAbsolutePath().normalize();
    Path specFile = spec.toAbsolutePath().normalize();
    for (Path p : List.of(cfgFile, specFile)) {
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString());
      }
    }
    Path scratch = Files.createTempDirectory("pbft-tlc-");
    try {
      return runIn(scratch, cfgFile, specFile, listener);
    } finally {
      deleteRecursively(scratch);
    }
  }

  private TlcResult runIn(Path scratch, Path cfg, Path spec, TlcProgressListener listener)
      throws IOException, InterruptedException {
    List<String> command = command(scratch, cfg, spec);
    Simulation simulation = settings.simulation();
    TlcOutputParser parser = new TlcOutputParser(listener, simulation != null);
    BehaviourCounter counter = new BehaviourCounter(scratch.resolve("behaviours"));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(spec.getParent().toFile()).start();
    // Ctrl-C on the parent must not leave a TLC running for hours.
    Thread killer = new Thread(process::destroyForcibly, "tlc-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try (Log log = new Log(settings.logFile(), command)) {
      Thread out = pump(process.getInputStream(), line -> {
        log.line(line);
        parser.acceptStdout(line);
      });
      Thread err = pump(process.getErrorStream(), line -> {
        log.line(line);
        parser.acceptStderr(line);
      });
      boolean finished = waitFor(process, simulation == null ? null : counter);
      if (!finished) {
        process.destroyForcibly();
        process.waitFor();
      }
      out.join();
      err.join();
      double seconds = (System.nanoTime() - start) / 1e9;
      TlcResult r = parser.finish(process.exitValue(), seconds);
      if (simulation != null) {
        counter.collect(true);
        r = r.asSimulation(counter.behaviours(), counter.distinctStates());
      }
      if (!finished) {
        return timedOut(r);
      }
      return nameViolation(r, cfg);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    } finally {
      removeHook(killer);
    }
  }

  List<String> command(Path scratch, Path cfg, Path spec) throws IOException {
    Path entry = TlcClasspath.writeChildMain(Files.createDirectory(scratch.resolve("classes")));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + (settings.maxHeap() != null ? settings.maxHeap() : defaultHeap()));
    cmd.add("-XX:+UseParallelGC");
    cmd.addAll(settings.jvmOptions());
    cmd.add("-Djava.io.tmpdir=" + scratch); // TLC unpacks the standard modules there
    cmd.add("-D" + TlcChildMain.INTERVAL_PROPERTY + "=" + settings.progressInterval().toMillis());
    if (!settings.libraryPaths().isEmpty()) {
      cmd.add("-DTLA-Library=" + settings.libraryPaths().stream()
          .map(p -> p.toAbsolutePath().normalize().toString())
          .collect(Collectors.joining(File.pathSeparator)));
    }
    cmd.add("-cp");
    cmd.add(TlcClasspath.tlatoolsJar() + File.pathSeparator + entry);
    cmd.add(TlcChildMain.class.getName());
    cmd.add("-tool");
    cmd.add("-config");
    cmd.add(cfg.toString());
    cmd.add("-workers");
    cmd.add(Integer.toString(settings.workers()));
    cmd.add("-metadir");
    cmd.add(scratch.resolve("meta").toString());
    if (!settings.checkDeadlock()) {
      cmd.add("-deadlock"); // in TLC this flag turns deadlock checking off
    }
    Simulation simulation = settings.simulation();
    if (simulation != null) {
      Path behaviours = Files.createDirectories(scratch.resolve("behaviours"));
      cmd.add("-simulate");
      cmd.add("file=" + behaviours.resolve("b") + ",num=" + simulation.behaviours());
      cmd.add("-depth");
      cmd.add(Integer.toString(simulation.depth()));
      cmd.add("-seed");
      cmd.add(Long.toString(simulation.seed()));
    }
    cmd.add(spec.getFileName().toString());
    return cmd;
  }

  /** Half the machine's memory: TLC's default of a quarter wastes most of a dedicated machine. */
  static String defaultHeap() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean bean) {
      long mb = bean.getTotalMemorySize() / (1024 * 1024) / 2;
      if (mb >= 256) {
        return mb + "m";
      }
    }
    return "1g";
  }

  /**
   * Waits for TLC, within the timeout if there is one; meanwhile a simulation's behaviours are
   * counted and their files removed as TLC writes them.
   */
  private boolean waitFor(Process process, BehaviourCounter counter)
      throws InterruptedException, IOException {
    long deadline = settings.timeout() == null ? Long.MAX_VALUE
        : System.nanoTime() + settings.timeout().toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      if (process.waitFor(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS)) {
        return true;
      }
      if (counter != null) {
        counter.collect(false);
      }
    }
  }

  private TlcResult timedOut(TlcResult r) {
    return new TlcResult(TlcOutcome.TLC_ERROR, null, r.counterexampleLength(), r.distinctStates(),
        r.statesGenerated(), r.depth(), r.seconds(),
        "TLC did not finish within " + settings.timeout().toSeconds() + " s and was stopped",
        r.errorText(), r.exitCode(), r.lasso(), r.behaviours());
  }

  /**
   * Names what TLC left unnamed or misfiled: TLC 2.18 reports a failed temporal property without
   * its name, and reports a {@code []P} property as an invariant.
   */
  static TlcResult nameViolation(TlcResult r, Path cfg) throws IOException {
    if (!r.outcome().isViolation()) {
      return r;
    }
    CfgDeclarations declared = CfgDeclarations.parse(Files.readString(cfg));
    if (r.violated() == null && declared.properties().size() == 1) {
      return r.withViolation(TlcOutcome.PROPERTY_VIOLATED, declared.properties().get(0));
    }
    if (r.violated() != null && declared.properties().contains(r.violated())
        && !declared.invariants().contains(r.violated())) {
      return r.withViolation(TlcOutcome.PROPERTY_VIOLATED, r.violated());
    }
    return r;
  }

  static Thread pump(InputStream stream, Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream))) {
        String line;
        while ((line = in.readLine()) != null) {
          sink.accept(line);
        }
      } catch (IOException e) {
        // the stream closes when the child dies; whatever was read has been handed on
      }
    }, "tlc-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook will run
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Optional copy of everything TLC prints, for a human who needs the whole trace. */
  static final class Log implements AutoCloseable {
    private BufferedWriter writer;

    Log(Path file, List<String> command) throws IOException {
      if (file == null) {
        writer = null;
        return;
      }
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      writer = Files.newBufferedWriter(file);
      writer.write("# " + String.join(" ", command));
      writer.newLine();
    }

    synchronized void line(String line) {
      if (writer == null) {
        return;
      }
      try {
        writer.write(line);
        writer.newLine();
      } catch (IOException e) {
        // A full disk must not stall TLC on a full pipe: stop logging, keep checking.
        writer = null;
      }
    }

    @Override
    public synchronized void close() throws IOException {
      if (writer != null) {
        writer.close();
      }
    }
  }
}
