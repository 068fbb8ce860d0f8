package org.pbft.demo;

import static org.pbft.report.Html.escape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.pbft.report.SequenceChart;
import org.pbft.trace.TraceRecord;

/**
 * The demo's HTML report: the summary, the equivocation as the receivers saw it, latency and
 * throughput over time with the kills and restarts, and the whole merged trace as a message
 * sequence chart with filters by view, sequence number and replica. One self-contained file.
 */
final class DemoReport {
  private DemoReport() {}

  static void write(Path file, DemoResult r) throws IOException {
    Files.writeString(file, html(r), StandardCharsets.UTF_8);
  }

  static String html(DemoResult r) {
    DemoRunChart run = new DemoRunChart(r.validatedEvents(), DemoRun.N, DemoRun.BYZANTINE);
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head>")
        .append("<meta charset=\"utf-8\"><title>pbft demo</title><style>")
        .append(org.pbft.report.Html.style()).append("</style></head><body>\n")
        .append("<h1>pbft demo</h1>\n<p class=\"note\">4 replica processes on loopback, replica ")
        .append("0 an equivocating primary; a client workload through the view change; replicas ")
        .append("3 then 2 killed under load and restarted from their input logs; all four killed ")
        .append("at once and restarted; the whole traces of the correct replicas validated against ")
        .append("<code>spec/PBFT.tla</code> with TLC.</p>\n<table>\n");
    for (String[] row : DemoSummary.rows(r)) {
      h.append("<tr><th>").append(escape(row[0])).append("</th><td>").append(escape(row[1]))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    h.append("<h2>The attack, as the receivers saw it</h2>\n");
    h.append(run.equivocationText(r.conflictingIgnored()));
    h.append("<h2>Latency and throughput over time</h2>\n");
    h.append(DemoTimeChart.svg(r.completions(), r.moments()));
    h.append("<h2>The whole run</h2>\n");
    h.append(filters(r.validatedEvents()));
    h.append(run.svg());
    h.append("<p class=\"note\">One row per trace event of the correct replicas 1, 2 and 3, in ")
        .append("Lamport-clock order. Replica 0 is Byzantine and not traced: an arrow from its ")
        .append("lifeline is a PRE-PREPARE or NEW-VIEW as its receiver accepted it (red and ")
        .append("thick where two receivers accepted different PRE-PREPAREs for one view and ")
        .append("sequence number). A cross is a crash (the process was killed after its last ")
        .append("event above), the broken lifeline the time it was down, the green dot its ")
        .append("Restart from its data directory. Events without a view (checkpoints) and ")
        .append("crashes are shown with every view.</p>\n");
    h.append("<script>").append(SequenceChart.RELAYOUT_SCRIPT).append(FILTER_SCRIPT)
        .append("</script>\n</body></html>\n");
    return h.toString();
  }

  private static String filters(List<TraceRecord> events) {
    Set<Long> views = new TreeSet<>();
    events.stream().filter(e -> e.view() >= 0).forEach(e -> views.add(e.view()));
    StringBuilder f = new StringBuilder("<form id=\"filters\" onsubmit=\"return false\">")
        .append("<label>view <select id=\"f-view\" onchange=\"relayout()\">")
        .append("<option value=\"\">all</option>");
    views.forEach(v -> f.append("<option>").append(v).append("</option>"));
    f.append("</select></label> <label>sequence numbers <input id=\"f-seq\" size=\"9\" ")
        .append("placeholder=\"12 or 10-20\" oninput=\"relayout()\"></label> replicas");
    for (int i = 0; i < DemoRun.N; i++) {
      f.append(" <label><input type=\"checkbox\" class=\"f-replica\" value=\"").append(i)
          .append("\" checked onchange=\"relayout()\">").append(i).append("</label>");
    }
    f.append(" <label><input type=\"checkbox\" id=\"f-eq\" onchange=\"relayout()\"> only ")
        .append("equivocated slots, crashes and restarts</label> <span id=\"f-count\"></span>")
        .append("</form>\n");
    return f.toString();
  }

  /** keep(row) for the filters above; crash rows have no view and no sequence number. */
  private static final String FILTER_SCRIPT = """
      function keep(g){const d=g.dataset;const v=document.getElementById('f-view').value;
      if(v!==''&&d.view!=='-1'&&d.view!==v)return false;
      const s=document.getElementById('f-seq').value.trim();
      if(s!==''&&d.seq!=='-1'){const m=s.match(/^(\\d+)(?:\\s*-\\s*(\\d+))?$/);
      if(m){const lo=+m[1],hi=m[2]===undefined?lo:+m[2];if(+d.seq<lo||+d.seq>hi)return false;}}
      const on=[...document.querySelectorAll('.f-replica')].filter(c=>c.checked).map(c=>c.value);
      if(!on.includes(d.replica))return false;
      if(document.getElementById('f-eq').checked&&d.mark===undefined)return false;
      return true;}
      const relayoutAll=relayout;
      relayout=function(){relayoutAll();const n=[...document.querySelectorAll('#run g.row')]
      .filter(g=>g.style.display!=='none').length;
      document.getElementById('f-count').textContent=n+' rows';};
      relayout();
      """;

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  static List<String> lanes() {
    List<String> lanes = new ArrayList<>();
    for (int i = 0; i < DemoRun.N; i++) {
      lanes.add("replica " + i + (i == DemoRun.BYZANTINE ? " (Byzantine, not traced)" : ""));
    }
    return lanes;
  }
}
