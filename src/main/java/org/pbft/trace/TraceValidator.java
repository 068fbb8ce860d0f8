package org.pbft.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.pbft.tlc.TlcChildMain;
import org.pbft.tlc.TlcOutcome;
import org.pbft.tlc.TlcProgressListener;
import org.pbft.tlc.TlcResult;
import org.pbft.tlc.TlcRunSettings;
import org.pbft.tlc.TlcRunner;

/**
 * Validates a merged trace with TLC: writes {@link TraceModule}'s TraceData.tla beside a copy of
 * trace-validation/TracePBFT.tla and its cfg in a scratch directory, and runs TLC there with
 * spec/ as library (PBFT.tla is instantiated unchanged).
 *
 * <p>With deadlock checking off TLC explores every explanation of the trace; the depth of the state
 * graph is 1 + the number of events the longest explanation matches. Depth {@code Len(Trace) + 1}
 * means the trace conforms. The first run uses {@code VIEW TraceView} (a few variables instead of
 * the whole state: validation time then grows about linearly with the trace). Otherwise event
 * {@code k = depth} is the first that the spec cannot explain, and a second run on the full state,
 * with {@code StopAt = k} and the invariant {@code DiagnosisInv}, confirms it and prints the spec
 * state before it and the actions enabled for its replica.
 */
public final class TraceValidator {
  static final String MODULE = "TracePBFT";
  /**
   * The child JVM's thread stack unless the settings give one. SANY and TLC recurse over the
   * trace's tuple: with the default stack, traces of about 9,500 events overflow it.
   */
  static final String TRACE_STACK = "-Xss256m";
  private static final String BEGIN = "\"@@diagnosis-begin\"";
  private static final String END = "\"@@diagnosis-end\"";

  private final Path traceValidationDir;
  private final TlcRunSettings settings;
  private final Path keepDir;

  /**
   * @param root the repository: {@code trace-validation/TracePBFT.tla} and {@code spec/PBFT.tla}
   * @param settings how to run TLC (deadlock checking and library paths are set here)
   * @param keepDir where to leave the generated modules for a person to rerun TLC, or null
   */
  public TraceValidator(Path root, TlcRunSettings settings, Path keepDir) {
    this.traceValidationDir = root.resolve("trace-validation");
    this.settings = withTraceStack(settings).withCheckDeadlock(false)
        .withLibraryPaths(List.of(root.resolve("spec").toAbsolutePath().normalize()));
    this.keepDir = keepDir;
  }

  /** {@code settings} with {@link #TRACE_STACK} added, unless they set the stack already. */
  static TlcRunSettings withTraceStack(TlcRunSettings settings) {
    if (settings.jvmOptions().stream().anyMatch(o -> o.startsWith("-Xss"))) {
      return settings;
    }
    List<String> options = new ArrayList<>(settings.jvmOptions());
    options.add(TRACE_STACK);
    return settings.withJvmOptions(options);
  }

  public Validation validate(List<TraceRecord> events, TraceParams params)
      throws IOException, InterruptedException {
    if (events.isEmpty()) {
      return new Validation(Validation.Verdict.CONFORMS, 0, 0, null, List.of(), 0, null);
    }
    TraceModule module = new TraceModule(events, params);
    Path dir = keepDir != null ? Files.createDirectories(keepDir)
        : Files.createTempDirectory("pbft-trace-");
    try {
      Path spec = dir.resolve(MODULE + ".tla");
      Path cfg = dir.resolve(MODULE + ".cfg");
      Files.copy(source(MODULE + ".tla"), spec, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String baseCfg = Files.readString(source(MODULE + ".cfg"), StandardCharsets.UTF_8);
      Files.writeString(cfg, baseCfg + "VIEW TraceView\n");
      Files.writeString(dir.resolve("TraceData.tla"), module.text(0));
      TlcResult first = new TlcRunner(settings).run(cfg, spec, TlcProgressListener.NONE);
      double seconds = first.seconds();
      if (first.outcome() != TlcOutcome.PASS || first.depth() < 1) {
        return failed(events.size(), first, seconds);
      }
      int matched = first.depth() - 1;
      if (matched >= events.size()) {
        return new Validation(Validation.Verdict.CONFORMS, events.size(), events.size(), null,
            List.of(), seconds, null);
      }
      // The diagnosis runs on the full state: its depth is the verdict (the view of the first
      // run could only have hidden an explanation). Should it match more events, the diagnosis
      // is run again at its own first unmatched event.
      Path diagCfg = dir.resolve(MODULE + "-diagnosis.cfg");
      Files.writeString(diagCfg, baseCfg + "INVARIANT DiagnosisInv\n");
      Path diagData = dir.resolve("diagnosis");
      Files.createDirectories(diagData);
      Path diagSpec = diagData.resolve(MODULE + ".tla");
      Files.copy(spec, diagSpec, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path log = diagData.resolve("tlc.log");
      while (true) {
        Files.writeString(diagData.resolve("TraceData.tla"), module.text(matched + 1));
        TlcResult second = new TlcRunner(settings.withWorkers(1).withLogFile(log))
            .run(diagCfg, diagSpec, TlcProgressListener.NONE);
        seconds += second.seconds();
        if (second.outcome() != TlcOutcome.PASS || second.depth() < 1) {
          return failed(events.size(), second, seconds);
        }
        int exact = second.depth() - 1;
        if (exact >= events.size()) {
          return new Validation(Validation.Verdict.CONFORMS, events.size(), events.size(), null,
              List.of(), seconds, null);
        }
        if (exact == matched) {
          List<String> diagnosis = diagnosis(log);
          if (diagnosis.isEmpty()) {
            diagnosis = List.of("(no diagnosis: " + second.summary() + ")");
          }
          return new Validation(Validation.Verdict.DOES_NOT_CONFORM, events.size(), matched,
              events.get(matched), diagnosis, seconds, null);
        }
        matched = exact;
      }
    } finally {
      if (keepDir == null) {
        deleteRecursively(dir);
      }
    }
  }

  private Path source(String name) throws NoSuchFileException {
    Path p = traceValidationDir.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(p.toString(), null, "the trace-validation spec is missing");
    }
    return p;
  }

  private static Validation failed(int events, TlcResult r, double seconds) {
    StringBuilder why = new StringBuilder("TLC could not decide: ").append(r.summary());
    r.errorText().stream().limit(20).forEach(l -> why.append("\n    ").append(l));
    return new Validation(Validation.Verdict.ERROR, events, 0, null, List.of(), seconds,
        why.toString());
  }

  /** The lines between the first pair of diagnosis markers TLC printed. */
  static List<String> diagnosis(Path log) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.isRegularFile(log)) {
      return lines;
    }
    boolean in = false;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.trim().equals(BEGIN)) {
        in = true;
      } else if (line.trim().equals(END)) {
        break;
      } else if (in && !line.startsWith(TlcChildMain.PREFIX)) {
        lines.add(line); // the child's progress reports share the log
      }
    }
    return lines;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
