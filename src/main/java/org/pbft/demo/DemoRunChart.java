package org.pbft.demo;

import static org.pbft.report.Html.escape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pbft.core.SpecAction;
import org.pbft.report.SequenceChart;
import org.pbft.trace.TraceRecord;

/**
 * The whole merged trace of a demo run as a message sequence chart, with what the untraced
 * Byzantine primary did made visible from its receivers' events: a PRE-PREPARE is drawn as an
 * arrow from the primary of its view into the ReceivePrePrepare that accepted it, and a slot
 * (view, sequence number) whose receivers accepted different digests is an equivocation. A
 * replica's crash is put after its last event before a Restart.
 */
final class DemoRunChart {
  /** A slot whose receivers accepted more than one PRE-PREPARE: digest to the replicas. */
  record Equivocation(long view, long seq, Map<String, Set<Integer>> byDigest) {}

  private final List<TraceRecord> events;
  private final int n;
  private final int byzantine;
  private final Map<List<Long>, Equivocation> equivocations = new LinkedHashMap<>();

  DemoRunChart(List<TraceRecord> events, int n, int byzantine) {
    this.events = List.copyOf(events);
    this.n = n;
    this.byzantine = byzantine;
    Map<List<Long>, Map<String, Set<Integer>>> accepted = new TreeMap<>(
        (a, b) -> a.get(0).equals(b.get(0)) ? Long.compare(a.get(1), b.get(1))
            : Long.compare(a.get(0), b.get(0)));
    for (TraceRecord e : events) {
      if (e.action() == SpecAction.ReceivePrePrepare && e.digest() != null) {
        accepted.computeIfAbsent(List.of(e.view(), e.seq()), k -> new TreeMap<>())
            .computeIfAbsent(e.digest(), k -> new TreeSet<>()).add(e.replica());
      }
    }
    accepted.forEach((slot, byDigest) -> {
      if (byDigest.size() > 1) {
        equivocations.put(slot, new Equivocation(slot.get(0), slot.get(1), byDigest));
      }
    });
  }

  List<Equivocation> equivocations() {
    return List.copyOf(equivocations.values());
  }

  /** The paragraph (and table) on the equivocation. */
  String equivocationText(Map<Integer, Integer> conflictingIgnored) {
    StringBuilder h = new StringBuilder();
    if (equivocations.isEmpty()) {
      h.append("<p class=\"note\">In this run no two receivers accepted different PRE-PREPAREs ")
          .append("for one view and sequence number: a conflicting PRE-PREPARE of the Byzantine ")
          .append("primary, where one reached a backup at all, was refused or came after the ")
          .append("backup had accepted the other one.</p>\n");
    } else {
      h.append("<p class=\"note\">The Byzantine primary is not traced, but its receivers are: ")
          .append(equivocations.size() == 1 ? "for this slot" : "for these "
              + equivocations.size() + " slots").append(", different backups ")
          .append("accepted different PRE-PREPAREs (marked red in the chart below). None of them ")
          .append("committed both: a PREPARE quorum needs 2f+1 = 3 replicas of 4.</p>\n")
          .append("<table><tr><th>view</th><th>seq</th><th>PRE-PREPAREs accepted (digest: ")
          .append("replicas)</th></tr>\n");
      for (Equivocation q : equivocations.values()) {
        List<String> parts = new ArrayList<>();
        q.byDigest().forEach((d, rs) -> parts.add(d.substring(0, Math.min(12, d.length()))
            + ": " + rs));
        h.append("<tr><td>").append(q.view()).append("</td><td><a href=\"#ev-")
            .append(firstIndex(q)).append("\">").append(q.seq()).append("</a></td><td><code>")
            .append(escape(String.join("; ", parts))).append("</code></td></tr>\n");
      }
      h.append("</table>\n");
    }
    if (!conflictingIgnored.isEmpty()) {
      h.append("<p class=\"note\">PRE-PREPAREs a backup ignored because it had already accepted ")
          .append("another one for the same view and sequence number (the backups' logs, last ")
          .append("orderly stop): ");
      List<String> parts = new ArrayList<>();
      new TreeMap<>(conflictingIgnored).forEach((r, c) -> {
        if (r != byzantine) {
          parts.add("replica " + r + ": " + c);
        }
      });
      h.append(escape(String.join(", ", parts))).append(".</p>\n");
    }
    return h.toString();
  }

  private int firstIndex(Equivocation q) {
    for (int i = 0; i < events.size(); i++) {
      TraceRecord e = events.get(i);
      if (e.action() == SpecAction.ReceivePrePrepare && e.view() == q.view()
          && e.seq() == q.seq()) {
        return i;
      }
    }
    return 0;
  }

  /** The chart of every event, crashes and down times included. */
  String svg() {
    Set<Integer> crashedAtStart = new HashSet<>();
    int[] last = new int[n];
    java.util.Arrays.fill(last, -1);
    List<int[]> crashes = new ArrayList<>(); // {replica, after index}
    for (int i = 0; i < events.size(); i++) {
      TraceRecord e = events.get(i);
      if (e.action() == SpecAction.Restart) {
        crashes.add(new int[] {e.replica(), last[e.replica()]});
      }
      last[e.replica()] = i;
    }
    SequenceChart chart = new SequenceChart(DemoReport.lanes(), Set.of(byzantine), 0);
    boolean[] down = new boolean[n];
    for (int[] c : crashes) {
      if (c[1] < 0) {
        crashedAtStart.add(c[0]);
      }
    }
    for (int r : crashedAtStart) {
      crashRow(chart, r, down);
      down[r] = true;
    }
    for (int i = 0; i < events.size(); i++) {
      TraceRecord e = events.get(i);
      if (e.action() == SpecAction.Restart) {
        down[e.replica()] = false;
      }
      SequenceChart.Row row = chart.row("ev-" + i).data("view", e.view()).data("seq", e.seq())
          .data("replica", e.replica());
      downLanes(row, down);
      String label = label(e);
      boolean receive = e.action() == SpecAction.ReceivePrePrepare
          || e.action() == SpecAction.ReceiveNewView;
      Equivocation q = equivocations.get(List.of(e.view(), e.seq()));
      String css = cssClass(e);
      if (receive) {
        int primary = (int) (e.view() % n);
        boolean equivocated = e.action() == SpecAction.ReceivePrePrepare && q != null;
        if (equivocated) {
          row.data("mark", "equivocation");
          label += "  \u26a0 " + q.byDigest().size() + " PRE-PREPAREs for this slot";
          css = "equivocation";
        }
        row.received(e.replica(), label, css, primary,
            equivocated ? "equivocation" : primary == byzantine ? "implied" : "");
      } else {
        if (e.action() == SpecAction.Restart) {
          row.data("mark", "restart");
        }
        row.event(e.replica(), label, css);
      }
      for (int[] c : crashes) {
        if (c[1] == i) {
          crashRow(chart, c[0], down);
          down[c[0]] = true;
        }
      }
    }
    return chart.svg("run");
  }

  private static void downLanes(SequenceChart.Row row, boolean[] down) {
    for (int r = 0; r < down.length; r++) {
      if (down[r]) {
        row.down(r);
      }
    }
  }

  private static void crashRow(SequenceChart chart, int replica, boolean[] down) {
    SequenceChart.Row row = chart.row(null).data("view", -1).data("seq", -1)
        .data("replica", replica).data("mark", "crash");
    downLanes(row, down);
    row.event(replica, "killed: its process ends here, a Restart follows", "crash");
  }

  private static String cssClass(TraceRecord e) {
    return switch (e.action()) {
      case Restart -> "restart";
      case StartViewChange, JoinViewChange, SendNewView, ReceiveNewView, StateTransfer -> "view";
      default -> "";
    };
  }

  private static String label(TraceRecord e) {
    StringBuilder b = new StringBuilder(e.action().name());
    if (e.view() >= 0) {
      b.append(" v=").append(e.view());
    }
    if (e.seq() >= 0) {
      b.append(" n=").append(e.seq());
    }
    if (e.digest() != null && e.action() != SpecAction.Restart) {
      b.append(" d=").append(e.digest(), 0, Math.min(6, e.digest().length()));
    }
    return b.toString();
  }
}
