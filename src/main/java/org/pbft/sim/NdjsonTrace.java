package org.pbft.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.pbft.core.TraceEvent;

/**
 * Writes the trace events of one run as NDJSON, one file per replica ({@code replica-<i>.ndjson}
 * in {@code dir}), one line per event:
 * {@code {"step":812,"tick":40,"replica":1,"action":"SendCommit","view":0,"seq":3,"digest":"..."}}.
 * {@code step} orders the events of all replicas of the run totally and respects causality;
 * {@code digest} is the full SHA-256 in hex, or null for actions without one.
 */
public final class NdjsonTrace implements TraceSink, AutoCloseable {
  private final Path dir;
  private final Map<Integer, BufferedWriter> writers = new TreeMap<>();

  public NdjsonTrace(Path dir) {
    this.dir = dir;
  }

  @Override
  public void record(long tick, long step, TraceEvent e) {
    try {
      BufferedWriter w = writers.get(e.replica());
      if (w == null) {
        Files.createDirectories(dir);
        w = Files.newBufferedWriter(dir.resolve("replica-" + e.replica() + ".ndjson"),
            StandardCharsets.UTF_8);
        writers.put(e.replica(), w);
      }
      w.write(line(tick, step, e));
      w.newLine();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the trace in " + dir, ex);
    }
  }

  static String line(long tick, long step, TraceEvent e) {
    String digest = e.digest() == null ? "null"
        : "\"" + HexFormat.of().formatHex(e.digest().bytes()) + "\"";
    return "{\"step\":" + step + ",\"tick\":" + tick + ",\"replica\":" + e.replica()
        + ",\"action\":\"" + e.action().name() + "\",\"view\":" + e.view() + ",\"seq\":" + e.seq()
        + ",\"digest\":" + digest + "}";
  }

  /** Writes out what is buffered: a process that may be killed flushes after each step. */
  public void flush() {
    try {
      for (BufferedWriter w : writers.values()) {
        w.flush();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the trace in " + dir, ex);
    }
  }

  @Override
  public void close() {
    IOException first = null;
    for (BufferedWriter w : writers.values()) {
      try {
        w.close();
      } catch (IOException ex) {
        first = first == null ? ex : first;
      }
    }
    writers.clear();
    if (first != null) {
      throw new UncheckedIOException("cannot close the trace in " + dir, first);
    }
  }
}
