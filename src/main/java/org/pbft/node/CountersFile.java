package org.pbft.node;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Appends a replica's {@link WorkCounters} to a file, one line every period, for the benchmark
 * in another process to read the work between two instants ({@link #at}); a correct replica's
 * line carries its {@link ReplicaPosition} too ({@link #positions}).
 */
public final class CountersFile implements AutoCloseable {
  private final Writer out;
  private final Supplier<String> line;
  private final ScheduledExecutorService timer;

  /** {@code line}: a {@link WorkCounters#toLine}, perhaps followed by a position's. */
  public CountersFile(Path file, Supplier<String> line, long periodMillis)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    this.line = line;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "counters");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  private synchronized void sample() {
    try {
      out.write(line.get());
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      timer.shutdown(); // the benchmark then says the file ends early; the replica goes on
    }
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    try {
      out.close();
    } catch (IOException e) {
      // nothing more to write
    }
  }

  /** Every sample in a file that {@link CountersFile} wrote, in order (a torn last line skipped). */
  public static List<WorkCounters> read(Path file) throws IOException {
    List<WorkCounters> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      try {
        out.add(WorkCounters.parse(line));
      } catch (IllegalArgumentException e) {
        // a line still being written when the file was read
      }
    }
    return out;
  }

  /** Every position in a file that {@link CountersFile} wrote, in order. */
  public static List<ReplicaPosition> positions(Path file) throws IOException {
    List<ReplicaPosition> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      ReplicaPosition.parse(line).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The last sample taken at or before {@code millis} (wall clock), or the first if none was.
   *
   * @throws IllegalArgumentException if there is no sample at all
   */
  public static WorkCounters at(List<WorkCounters> samples, long millis) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no counters sampled");
    }
    WorkCounters best = samples.get(0);
    for (WorkCounters s : samples) {
      if (s.millis() <= millis) {
        best = s;
      }
    }
    return best;
  }
}
