package org.pbft.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** The demo's closing summary, as rows of (what, value): printed and put in the report. */
final class DemoSummary {
  private DemoSummary() {}

  static List<String[]> rows(DemoResult r) {
    DescriptiveStatistics l = r.latencyMillis();
    String validation = r.validation() == null ? "not run" : switch (r.validation().verdict()) {
      case CONFORMS -> String.format(Locale.ROOT, "conforms: %d events", r.validation().events());
      case DOES_NOT_CONFORM -> "does not conform at event " + r.validation().firstUnmatchedIndex()
          + " of " + r.validation().events();
      case ERROR -> "undecided: " + r.validation().error();
    };
    return List.of(
        row("requests completed", Integer.toString(r.operations())),
        row("latency p50 / p90 / p99 / max", String.format(Locale.ROOT,
            "%.1f / %.1f / %.1f / %.1f ms", l.getPercentile(50), l.getPercentile(90),
            l.getPercentile(99), l.getMax())),
        row("view changes (views entered after 0)", Long.toString(r.viewChanges())),
        row("final view", Long.toString(r.finalView())),
        row("correct replicas at the end", String.join("; ", r.group().positions())),
        row("every correct replica in the group", r.group().whole() ? "yes"
            : "no: " + String.join("; ", r.group().departures())),
        row("stable checkpoints", Long.toString(r.stableCheckpoints())),
        row("state transfers", Long.toString(r.stateTransfers())),
        row("acknowledged writes read back", r.writesVerified() + " keys, "
            + (r.anomalies().isEmpty() ? "none lost" : r.anomalies().size() + " anomalies")),
        row("replicas killed (SIGKILL) / correct ones restarted", r.crashes() + " / "
            + r.restarts() + ", each from its data directory ("
            + r.restartsFromSnapshots() + " from a snapshot and the log after it)"),
        row("trace validation (replicas 1, 2, 3, whole traces)", validation),
        row("wall time", String.format(Locale.ROOT, "%.1f s", r.seconds())));
  }

  static void print(PrintWriter out, DemoResult r) {
    out.println();
    out.println("summary");
    for (String[] row : rows(r)) {
      out.println(String.format(Locale.ROOT, "  %-52s %s", row[0], row[1]));
    }
    out.flush();
  }

  private static String[] row(String what, String value) {
    return new String[] {what, value};
  }
}
