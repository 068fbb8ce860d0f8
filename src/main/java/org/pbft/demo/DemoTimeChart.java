package org.pbft.demo;

import static org.pbft.report.Html.escape;

import java.util.List;
import java.util.Locale;

/**
 * Latency and throughput over the demo's wall-clock time, in SVG: each operation's latency as
 * a dot (log scale, so that the view change's seconds and the normal case's milliseconds both
 * show), operations completed per second as bars, and the kills and restarts as numbered
 * vertical lines explained below the chart.
 */
final class DemoTimeChart {
  private static final int LEFT = 72;
  private static final int PLOT_WIDTH = 840;
  private static final int TOP = 16;
  private static final int LATENCY_HEIGHT = 190;
  private static final int GAP = 46;
  private static final int THROUGHPUT_HEIGHT = 90;
  private static final int WIDTH = LEFT + PLOT_WIDTH + 24;

  private DemoTimeChart() {}

  static String svg(List<DemoResult.Sample> samples, List<DemoResult.Moment> moments) {
    if (samples.isEmpty()) {
      return "<p class=\"note\">No operation completed.</p>\n";
    }
    double end = samples.get(samples.size() - 1).seconds();
    for (DemoResult.Moment m : moments) {
      end = Math.max(end, m.seconds());
    }
    end = Math.max(1, Math.ceil(end));
    double minMs = 1;
    double maxMs = 10;
    for (DemoResult.Sample s : samples) {
      maxMs = Math.max(maxMs, s.latencyMillis());
    }
    double top = Math.pow(10, Math.ceil(Math.log10(maxMs)));
    int throughputTop = TOP + LATENCY_HEIGHT + GAP;
    int height = throughputTop + THROUGHPUT_HEIGHT + 40;
    StringBuilder s = new StringBuilder();
    s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"time\" "
        + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n", WIDTH, height, WIDTH, height));
    // latency panel
    s.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#ccc\"/>\n", LEFT, TOP, PLOT_WIDTH, LATENCY_HEIGHT));
    for (double ms = minMs; ms <= top; ms *= 10) {
      double y = latencyY(ms, minMs, top);
      s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, y,
          LEFT + PLOT_WIDTH, y, LEFT - 6, y + 4, ms >= 1000 ? (long) (ms / 1000) + " s"
              : (long) ms + " ms"));
    }
    s.append(f("<text x=\"%d\" y=\"%d\">latency of each operation</text>\n", LEFT + 6, TOP + 14));
    for (DemoResult.Sample p : samples) {
      s.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\" fill=\"%s\"/>", x(p.seconds(), end),
          latencyY(Math.max(minMs, p.latencyMillis()), minMs, top),
          p.view() == 0 ? "#b22" : "#36c"));
    }
    s.append('\n');
    // throughput panel
    int buckets = (int) end;
    int[] perSecond = new int[buckets + 1];
    for (DemoResult.Sample p : samples) {
      perSecond[Math.min(buckets, (int) p.seconds())]++;
    }
    int maxOps = 1;
    for (int c : perSecond) {
      maxOps = Math.max(maxOps, c);
    }
    s.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#ccc\"/>\n", LEFT, throughputTop, PLOT_WIDTH, THROUGHPUT_HEIGHT));
    double barWidth = Math.max(1, PLOT_WIDTH / (end + 1) - 1);
    for (int i = 0; i <= buckets; i++) {
      double h = THROUGHPUT_HEIGHT * perSecond[i] / (double) maxOps;
      s.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#7a7\"/>",
          x(i, end), throughputTop + THROUGHPUT_HEIGHT - h, barWidth, h));
    }
    s.append(f("\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d/s</text>"
        + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", LEFT - 6, throughputTop + 10,
        maxOps, LEFT - 6, throughputTop + THROUGHPUT_HEIGHT));
    s.append(f("<text x=\"%d\" y=\"%d\">operations completed per second</text>\n", LEFT + 6,
        throughputTop - 6));
    // time axis
    int axisY = throughputTop + THROUGHPUT_HEIGHT;
    int step = end <= 30 ? 5 : end <= 120 ? 10 : 30;
    for (int t = 0; t <= end; t += step) {
      s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d s</text>", x(t, end),
          axisY + 16, t));
    }
    // moments
    for (int i = 0; i < moments.size(); i++) {
      double mx = x(moments.get(i).seconds(), end);
      s.append(f("\n<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d00\" "
          + "stroke-dasharray=\"3,3\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
          + "class=\"crash\">%d</text>", mx, TOP + 18, mx, axisY, mx, TOP + 30 + 12 * (i % 2),
          i + 1));
    }
    s.append("\n</svg>\n<p class=\"note\">Red dots: operations that completed in view 0, ")
        .append("under the equivocating primary; blue: later views. Numbered lines: ");
    for (int i = 0; i < moments.size(); i++) {
      DemoResult.Moment m = moments.get(i);
      s.append(i == 0 ? "" : "; ").append(i + 1).append(" ").append(escape(m.what()))
          .append(f(" (%.1f s)", m.seconds()));
    }
    return s.append(moments.isEmpty() ? "none" : "").append(".</p>\n").toString();
  }

  private static double x(double seconds, double end) {
    return LEFT + PLOT_WIDTH * seconds / end;
  }

  private static double latencyY(double ms, double min, double max) {
    double frac = (Math.log10(ms) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    return TOP + LATENCY_HEIGHT * (1 - frac);
  }

  private static String f(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
