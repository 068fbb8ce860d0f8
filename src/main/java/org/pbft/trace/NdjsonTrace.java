package org.pbft.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.pbft.core.TraceEvent;
import org.pbft.core.message.Digest;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.ViewChange;

/**
 * Writes the trace events of one run as NDJSON, one file per replica ({@code replica-<i>.ndjson}
 * in {@code dir}), one line per event:
 * {@code {"step":812,"tick":40,"replica":1,"action":"SendCommit","view":0,"seq":3,"digest":"..."}}.
 * {@code step} orders the events of all replicas of the run totally and respects causality;
 * {@code digest} is the full SHA-256 in hex, or null for actions without one.
 *
 * <p>A NEW-VIEW event (SendNewView, ReceiveNewView) also carries the message's V and O, as arrays
 * so that the reader stays small: {@code "V":[[i,n,"s",[[n,v,"d"],...]],...]}, one entry per
 * VIEW-CHANGE (its sender i, stable checkpoint n with state digest s, and P as certificates
 * (n, v, d)), and {@code "O":[[n,"d"],...]}, the pre-prepares from minS+1 to maxS.
 */
public final class NdjsonTrace implements TraceSink, AutoCloseable {
  private final Path dir;
  private final boolean append;
  private final Map<Integer, BufferedWriter> writers = new TreeMap<>();

  /** A new trace in {@code dir}: files of an earlier run are overwritten. */
  public NdjsonTrace(Path dir) {
    this(dir, false);
  }

  /**
   * With {@code append}, events go after those already in the files: a restarted replica's
   * trace continues where the crashed process left it, one trace of one replica.
   */
  public NdjsonTrace(Path dir, boolean append) {
    this.dir = dir;
    this.append = append;
  }

  @Override
  public void record(long tick, long step, TraceEvent e) {
    try {
      BufferedWriter w = writers.get(e.replica());
      if (w == null) {
        Files.createDirectories(dir);
        Path file = dir.resolve("replica-" + e.replica() + ".ndjson");
        w = append
            ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)
            : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writers.put(e.replica(), w);
      }
      w.write(line(tick, step, e));
      w.newLine();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the trace in " + dir, ex);
    }
  }

  static String line(long tick, long step, TraceEvent e) {
    String digest = e.digest() == null ? "null" : hex(e.digest());
    StringBuilder b = new StringBuilder("{\"step\":").append(step).append(",\"tick\":").append(tick)
        .append(",\"replica\":").append(e.replica())
        .append(",\"action\":\"").append(e.action().name()).append("\",\"view\":").append(e.view())
        .append(",\"seq\":").append(e.seq()).append(",\"digest\":").append(digest);
    if (e.newView() != null) {
      newView(b, e.newView());
    }
    return b.append('}').toString();
  }

  private static void newView(StringBuilder b, NewView nv) {
    b.append(",\"V\":[");
    String sep = "";
    for (ViewChange vc : nv.viewChanges()) {
      b.append(sep).append('[').append(vc.replica()).append(',').append(vc.stableSeq())
          .append(',').append(hex(vc.stateDigest())).append(",[");
      String certSep = "";
      for (PreparedCertificate c : vc.preparedCertificates()) {
        b.append(certSep).append('[').append(c.seq()).append(',').append(c.view()).append(',')
            .append(hex(c.digest())).append(']');
        certSep = ",";
      }
      b.append("]]");
      sep = ",";
    }
    b.append("],\"O\":[");
    sep = "";
    for (PrePrepare pp : nv.prePrepares()) {
      b.append(sep).append('[').append(pp.seq()).append(',').append(hex(pp.digest())).append(']');
      sep = ",";
    }
    b.append(']');
  }

  private static String hex(Digest d) {
    return "\"" + HexFormat.of().formatHex(d.bytes()) + "\"";
  }

  /**
   * How many events the file of {@code replica} already holds, for a restarted replica that
   * continues its trace: a last line the killed process left half written is cut off first, so
   * that the next event starts on a line of its own. Call before the first {@link #record} of
   * that replica.
   */
  public long existingEvents(int replica) {
    Path file = dir.resolve("replica-" + replica + ".ndjson");
    if (!Files.exists(file)) {
      return 0;
    }
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
      long lines = 0;
      long lastNewline = -1;
      long at = 0;
      while (ch.read(buf, at) > 0) {
        buf.flip();
        for (int i = 0; i < buf.limit(); i++) {
          if (buf.get(i) == '\n') {
            lines++;
            lastNewline = at + i;
          }
        }
        at += buf.limit();
        buf.clear();
      }
      if (lastNewline + 1 < ch.size()) {
        ch.truncate(lastNewline + 1);
      }
      return lines;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the trace " + file, ex);
    }
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
