package org.pbft.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pbft.core.SpecAction;
import org.pbft.trace.TraceRecord;

/**
 * The demo's HTML report: the summary table and a message sequence chart of the view change,
 * drawn in SVG from the merged trace (one lifeline per replica, one row per event in causal
 * order, an arrow from the NEW-VIEW's sender to each replica that received it).
 */
final class DemoReport {
  private static final int LANE = 190;
  private static final int ROW = 26;
  private static final int TOP = 50;

  private DemoReport() {}

  static void write(Path file, DemoResult r) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>pbft demo</title>")
        .append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;")
        .append("text-align:left}</style></head><body>\n<h1>pbft demo</h1>\n");
    h.append("<p>4 replica processes on loopback, replica 0 an equivocating primary; a client ")
        .append("workload through the view change; replicas 3 then 2 killed under load and ")
        .append("restarted from their input logs; all four killed at once and restarted; the ")
        .append("whole traces of the correct replicas validated against <code>spec/PBFT.tla</code> with TLC.")
        .append("</p>\n<table>\n");
    for (String[] row : DemoSummary.rows(r)) {
      h.append("<tr><th>").append(escape(row[0])).append("</th><td>").append(escape(row[1]))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<h2>The view change, from the merged trace</h2>\n");
    h.append(viewChangeChart(r.validatedEvents()));
    h.append("\n<p>Replica 0 is Byzantine: faulty replicas are not traced. Rows are trace ")
        .append("events in Lamport-clock order; arrows go from the NEW-VIEW's sender to the ")
        .append("replicas that accepted it.</p>\n</body></html>\n");
    Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
  }

  /** The events from the first move to a new view to the last replica entering it. */
  static List<TraceRecord> viewChangeWindow(List<TraceRecord> events) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < events.size(); i++) {
      SpecAction a = events.get(i).action();
      boolean moving = a == SpecAction.StartViewChange || a == SpecAction.JoinViewChange;
      if (first < 0 && moving) {
        first = i;
      }
      if (first >= 0 && a == SpecAction.ReceiveNewView) {
        last = i;
      }
      if (first >= 0 && last >= 0 && moving && i > last) {
        break;
      }
    }
    if (first < 0) {
      return List.of();
    }
    int end = Math.min(events.size(), (last < 0 ? first : last) + 4);
    return events.subList(Math.max(0, first - 2), end);
  }

  private static String viewChangeChart(List<TraceRecord> events) {
    List<TraceRecord> window = viewChangeWindow(events);
    if (window.isEmpty()) {
      return "<p>No view change in the validated trace.</p>";
    }
    int width = LANE * DemoRun.N + 40;
    int height = TOP + ROW * (window.size() + 1);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" font-size=\"12\">\n", width, height));
    s.append("<defs><marker id=\"a\" markerWidth=\"8\" markerHeight=\"8\" refX=\"8\" refY=\"4\" ")
        .append("orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#36c\"/></marker></defs>\n");
    for (int r = 0; r < DemoRun.N; r++) {
      int x = lane(r);
      String color = r == DemoRun.BYZANTINE ? "#c33" : "#333";
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" text-anchor=\"middle\" "
          + "fill=\"%s\">replica %d%s</text>\n", x, color, r,
          r == DemoRun.BYZANTINE ? " (Byzantine)" : ""));
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" "
          + "stroke=\"%s\" stroke-dasharray=\"%s\"/>\n", x, x, height - 10, color,
          r == DemoRun.BYZANTINE ? "4,4" : "none"));
    }
    Map<Long, int[]> newViewSent = new HashMap<>();
    List<String> arrows = new ArrayList<>();
    for (int i = 0; i < window.size(); i++) {
      TraceRecord e = window.get(i);
      int x = lane(e.replica());
      int y = TOP + ROW * i;
      if (e.action() == SpecAction.SendNewView) {
        newViewSent.put(e.view(), new int[] {x, y});
      }
      if (e.action() == SpecAction.ReceiveNewView && newViewSent.containsKey(e.view())) {
        int[] from = newViewSent.get(e.view());
        arrows.add(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
            + "stroke=\"#36c\" marker-end=\"url(#a)\"/>\n", from[0], from[1],
            x + (x > from[0] ? -5 : 5), y));
      }
      boolean viewAction = e.action() != SpecAction.ReceivePrePrepare
          && e.action() != SpecAction.SendCommit && e.action() != SpecAction.Execute;
      s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\">%s</text>\n", x, y, viewAction ? "#36c" : "#888", x + 8,
          y + 4, escape(label(e))));
    }
    arrows.forEach(s::append);
    return s.append("</svg>").toString();
  }

  private static String label(TraceRecord e) {
    StringBuilder b = new StringBuilder(e.action().name());
    if (e.view() >= 0) {
      b.append(" v=").append(e.view());
    }
    if (e.seq() >= 0) {
      b.append(" n=").append(e.seq());
    }
    return b.toString();
  }

  private static int lane(int replica) {
    return 20 + LANE / 2 + LANE * replica;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
