package org.pbft.tlc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run TLC.
 *
 * @param workers TLC worker threads
 * @param maxHeap the child JVM's {@code -Xmx} value (for example "4g"), or null for a default of
 *     half the machine's memory
 * @param checkDeadlock false passes {@code -deadlock}, which makes TLC ignore deadlocks
 * @param libraryPaths directories where SANY also looks for modules (TLA-Library), so that a
 *     model in a subdirectory, such as a mutant, can extend the spec
 * @param progressInterval how often the child reports progress; zero for never
 * @param timeout the run is stopped and reported as a TLC error after this long; null for never
 * @param logFile receives everything TLC prints, or null
 * @param jvmOptions further options of the child JVM, for example {@code -Xss64m}: TLC recurses
 *     deeply on long trace modules (the heap has its own setting, {@code maxHeap})
 * @param simulation random simulation instead of model checking, or null
 */
public record TlcRunSettings(
    int workers,
    String maxHeap,
    boolean checkDeadlock,
    List<Path> libraryPaths,
    Duration progressInterval,
    Duration timeout,
    Path logFile,
    List<String> jvmOptions,
    Simulation simulation) {

  public TlcRunSettings {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, not " + workers);
    }
    if (maxHeap != null && !maxHeap.matches("\\d+[kKmMgGtT]?")) {
      throw new IllegalArgumentException(
          "max heap must look like 4g, 512m or 2048m, not '" + maxHeap + "'");
    }
    libraryPaths = List.copyOf(libraryPaths);
    Objects.requireNonNull(progressInterval, "progressInterval");
    jvmOptions = List.copyOf(jvmOptions);
    for (String o : jvmOptions) {
      if (!o.startsWith("-") || o.startsWith("-Xmx")) {
        throw new IllegalArgumentException("a JVM option starts with '-' and is not the heap "
            + "(use maxHeap): '" + o + "'");
      }
    }
  }

  /**
   * All cores, default heap, deadlock checked, progress every 2 seconds, no timeout, no log, no
   * further JVM options.
   */
  public static TlcRunSettings defaults() {
    return new TlcRunSettings(Runtime.getRuntime().availableProcessors(), null, true, List.of(),
        Duration.ofSeconds(2), null, null, List.of(), null);
  }

  /** Model checking as before, without simulation. */
  public TlcRunSettings(int workers, String maxHeap, boolean checkDeadlock, List<Path> libraryPaths,
      Duration progressInterval, Duration timeout, Path logFile, List<String> jvmOptions) {
    this(workers, maxHeap, checkDeadlock, libraryPaths, progressInterval, timeout, logFile,
        jvmOptions, null);
  }

  public TlcRunSettings withSimulation(Simulation s) {
    return new TlcRunSettings(workers, maxHeap, checkDeadlock, libraryPaths, progressInterval,
        timeout, logFile, jvmOptions, s);
  }

  public TlcRunSettings withWorkers(int n) {
    return new TlcRunSettings(n, maxHeap, checkDeadlock, libraryPaths, progressInterval, timeout,
        logFile, jvmOptions, simulation);
  }

  public TlcRunSettings withMaxHeap(String heap) {
    return new TlcRunSettings(workers, heap, checkDeadlock, libraryPaths, progressInterval,
        timeout, logFile, jvmOptions, simulation);
  }

  public TlcRunSettings withCheckDeadlock(boolean check) {
    return new TlcRunSettings(workers, maxHeap, check, libraryPaths, progressInterval, timeout,
        logFile, jvmOptions, simulation);
  }

  public TlcRunSettings withLibraryPaths(List<Path> paths) {
    return new TlcRunSettings(workers, maxHeap, checkDeadlock, paths, progressInterval, timeout,
        logFile, jvmOptions, simulation);
  }

  public TlcRunSettings withTimeout(Duration limit) {
    return new TlcRunSettings(workers, maxHeap, checkDeadlock, libraryPaths, progressInterval,
        limit, logFile, jvmOptions, simulation);
  }

  public TlcRunSettings withLogFile(Path file) {
    return new TlcRunSettings(workers, maxHeap, checkDeadlock, libraryPaths, progressInterval,
        timeout, file, jvmOptions, simulation);
  }

  public TlcRunSettings withJvmOptions(List<String> options) {
    return new TlcRunSettings(workers, maxHeap, checkDeadlock, libraryPaths, progressInterval,
        timeout, logFile, options, simulation);
  }
}
