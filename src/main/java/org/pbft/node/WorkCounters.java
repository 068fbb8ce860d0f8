package org.pbft.node;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a replica process has done since it started, counted cumulatively at {@code millis}
 * (wall clock): two of them, taken around a measured interval, give the work per request
 * ({@link #minus}, {@link #perRequest}). The benchmark reads them from the file a replica
 * writes with {@code pbft replica --counters}, one line per sample.
 *
 * @param requests requests answered (replies sent: one per request, ordered or read-only)
 * @param batches batches executed (sequence numbers)
 * @param signed Ed25519 signatures made
 * @param verified Ed25519 signatures checked
 * @param macs HMACs computed, made or checked (link MACs and client authenticators)
 * @param syncs forces of the input log to disk
 * @param cpuNanos CPU time of the whole process, every thread
 * @param jitNanos of that, the JIT compiler threads' ({@link JvmThreadsCpu})
 * @param gcNanos of that, the garbage collector threads'
 */
public record WorkCounters(long millis, long requests, long batches, long signed, long verified,
    long macs, long framesSent, long framesReceived, long bytesSent, long bytesReceived,
    long syncs, long cpuNanos, long jitNanos, long gcNanos) {

  /** The counters of what happened after {@code earlier} up to this. */
  public WorkCounters minus(WorkCounters earlier) {
    return new WorkCounters(millis - earlier.millis, requests - earlier.requests,
        batches - earlier.batches, signed - earlier.signed, verified - earlier.verified,
        macs - earlier.macs, framesSent - earlier.framesSent,
        framesReceived - earlier.framesReceived, bytesSent - earlier.bytesSent,
        bytesReceived - earlier.bytesReceived, syncs - earlier.syncs, cpuNanos - earlier.cpuNanos,
        jitNanos - earlier.jitNanos, gcNanos - earlier.gcNanos);
  }

  /** The sum of two processes' counters over the same interval. */
  public WorkCounters plus(WorkCounters o) {
    return new WorkCounters(Math.max(millis, o.millis), requests + o.requests,
        batches + o.batches, signed + o.signed, verified + o.verified, macs + o.macs,
        framesSent + o.framesSent, framesReceived + o.framesReceived, bytesSent + o.bytesSent,
        bytesReceived + o.bytesReceived, syncs + o.syncs, cpuNanos + o.cpuNanos,
        jitNanos + o.jitNanos, gcNanos + o.gcNanos);
  }

  /**
   * One line: the mean batch, then what one request cost a process. Each replica answers every
   * request, so for counters summed over several replicas ({@link #plus}) this is the mean
   * over them.
   */
  public String perRequest() {
    if (requests <= 0) {
      return "no request answered";
    }
    double r = requests;
    return String.format(Locale.ROOT, "batch %s; per request: %.3f signatures made, "
        + "%.3f checked, %.2f MACs, %.2f frames and %,.0f bytes sent, %.2f frames and %,.0f "
        + "bytes received, %.3f fsyncs, %.3f ms CPU (%.3f of it JIT compiling, %.3f GC)",
        batches == 0 ? "none (no protocol)" : String.format(Locale.ROOT, "%.1f requests",
            r / batches), signed / r, verified / r, macs / r, framesSent / r, bytesSent / r,
        framesReceived / r, bytesReceived / r, syncs / r, cpuNanos / 1e6 / r, jitNanos / 1e6 / r,
        gcNanos / 1e6 / r);
  }

  /** {@code key=value} pairs separated by spaces, in field order. */
  public String toLine() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : fields().entrySet()) {
      b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }

  /** Reads what {@link #toLine} wrote. */
  public static WorkCounters parse(String line) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String pair : line.trim().split(" ")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not a counters line (key=value ...): " + line);
      }
      try {
        values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number in the counters line: " + pair);
      }
    }
    long[] v = new long[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      Long value = values.get(FIELDS[i]);
      if (value == null) {
        throw new IllegalArgumentException("counters line without " + FIELDS[i] + ": " + line);
      }
      v[i] = value;
    }
    return new WorkCounters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
        v[11], v[12], v[13]);
  }

  private static final String[] FIELDS = {"millis", "requests", "batches", "signed", "verified",
      "macs", "framesSent", "framesReceived", "bytesSent", "bytesReceived", "syncs", "cpuNanos",
      "jitNanos", "gcNanos"};

  private Map<String, Long> fields() {
    long[] v = {millis, requests, batches, signed, verified, macs, framesSent, framesReceived,
        bytesSent, bytesReceived, syncs, cpuNanos, jitNanos, gcNanos};
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < FIELDS.length; i++) {
      out.put(FIELDS[i], v[i]);
    }
    return out;
  }

  /** CPU time of this whole process so far, or 0 where the platform does not tell. */
  public static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return Math.max(0, sun.getProcessCpuTime());
    }
    return 0;
  }
}
