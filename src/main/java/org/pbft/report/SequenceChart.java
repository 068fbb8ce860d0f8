package org.pbft.report;

import static org.pbft.report.Html.escape;
import static org.pbft.report.Html.num;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A message sequence chart in SVG: one lifeline per replica, rows top to bottom. A row holds
 * events (a dot on a lifeline and its label), messages (arrows from the sender's lifeline to the
 * receivers'), crash marks and lifelines that are down. Each row is a {@code <g class="row">}
 * placed by a translation and carries its {@code data-*} attributes, so that a page script can
 * hide rows and close the gaps ({@link #RELAYOUT_SCRIPT}).
 *
 * <p>Labels are monospace so that their width is known here: the chart is made wide enough for
 * its longest label, never cut at the edge.
 */
public final class SequenceChart {
  /** Width of a 12px monospace character, rounded up (browsers draw about 7.2px). */
  static final double CHAR_WIDTH = 7.5;
  private static final int LINE = 18;
  private static final int MESSAGE_LINE = 28;
  private static final int HEADER = 34;
  private static final int MARGIN = 12;
  private static final int MIN_LANE = 150;
  private static final int MAX_LANE = 330;

  /**
   * Hides the rows of every {@code svg.chart} for which {@code keep(row)} is false and closes the
   * gaps: a page defines {@code function keep(row)} and calls {@code relayout()}.
   */
  public static final String RELAYOUT_SCRIPT = """
      function relayout(){for(const svg of document.querySelectorAll('svg.chart[data-top]')){
      let y=+svg.dataset.top;for(const g of svg.querySelectorAll('g.row')){
      const show=keep(g);g.style.display=show?'':'none';
      if(show){g.setAttribute('transform','translate(0,'+y+')');y+=+g.dataset.h;}}
      const h=y+12;svg.setAttribute('height',h);
      svg.setAttribute('viewBox','0 0 '+svg.getAttribute('width')+' '+h);
      for(const l of svg.querySelectorAll('line.life'))l.setAttribute('y2',h-6);}}
      """;

  private final List<String> lanes;
  private final Set<Integer> faulty;
  private final List<Row> rows = new ArrayList<>();
  private final int stepColumn;

  /**
   * @param lanes the title of each lifeline
   * @param faulty the lifelines of faulty replicas (drawn dashed, in red)
   * @param stepColumn characters reserved left of the lifelines for a row label (0 for none)
   */
  public SequenceChart(List<String> lanes, Set<Integer> faulty, int stepColumn) {
    this.lanes = List.copyOf(lanes);
    this.faulty = Set.copyOf(faulty);
    this.stepColumn = stepColumn;
  }

  /** A new row at the bottom; {@code id} (or null) makes it a link target. */
  public Row row(String id) {
    Row r = new Row(id);
    rows.add(r);
    return r;
  }

  /** One row of the chart. */
  public static final class Row {
    private final String id;
    private final Map<String, String> data = new LinkedHashMap<>();
    private String title;
    private String titleClass = "step";
    private String link;
    private final List<Event> events = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<Integer> down = new ArrayList<>();

    private Row(String id) {
      this.id = id;
    }

    /** A {@code data-key} attribute for the page's filters. */
    public Row data(String key, Object value) {
      data.put(key, String.valueOf(value));
      return this;
    }

    /** The text in the row-label column (the step number). */
    public Row title(String text, String cssClass) {
      this.title = text;
      this.titleClass = cssClass;
      return this;
    }

    /** Makes the row label a link to {@code href} (such as "#state-3"). */
    public Row link(String href) {
      this.link = href;
      return this;
    }

    /** A dot on {@code lane} with {@code label}; css class: view, restart, crash or "". */
    public Row event(int lane, String label, String cssClass) {
      events.add(new Event(lane, label, cssClass, -1, ""));
      return this;
    }

    /**
     * An event on {@code lane} caused by a message from {@code from}, drawn as an arrow into the
     * dot in the same line: the message as its receiver saw it.
     */
    public Row received(int lane, String label, String cssClass, int from, String arrowClass) {
      events.add(new Event(lane, label, cssClass, from, arrowClass));
      return this;
    }

    /** A message from {@code from} to each of {@code to}, labelled once. */
    public Row message(int from, List<Integer> to, String label, String cssClass) {
      messages.add(new Message(from, List.copyOf(to), label, cssClass));
      return this;
    }

    /** Marks {@code lane}'s lifeline as down (crashed, not yet restarted) in this row. */
    public Row down(int lane) {
      down.add(lane);
      return this;
    }

    int height() {
      int h = events.isEmpty() && messages.isEmpty() ? LINE : 0;
      if (!events.isEmpty()) {
        h += LINE;
      }
      return h + messages.size() * MESSAGE_LINE;
    }
  }

  private record Event(int lane, String label, String cssClass, int from, String arrowClass) {}

  private record Message(int from, List<Integer> to, String label, String cssClass) {}

  static double textWidth(String s) {
    return s.codePointCount(0, s.length()) * CHAR_WIDTH;
  }

  private int laneWidth() {
    double widest = 0;
    for (Row r : rows) {
      for (Event e : r.events) {
        widest = Math.max(widest, textWidth(e.label) + 16);
      }
    }
    for (String t : lanes) {
      widest = Math.max(widest, textWidth(t) + 16);
    }
    return (int) Math.max(MIN_LANE, Math.min(MAX_LANE, Math.ceil(widest)));
  }

  /** The SVG element; {@code id} names it for scripts. */
  public String svg(String id) {
    int lane = laneWidth();
    double left = MARGIN + stepColumn * CHAR_WIDTH + Math.max(8,
        lanes.isEmpty() ? 0 : textWidth(lanes.get(0)) / 2 - 0);
    double[] x = new double[lanes.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = left + i * lane;
    }
    double right = x.length == 0 ? left : x[x.length - 1] + textWidth(lanes.get(x.length - 1)) / 2;
    StringBuilder body = new StringBuilder();
    int y = HEADER;
    for (Row r : rows) {
      right = Math.max(right, draw(body, r, x, y));
      y += r.height();
    }
    int width = (int) Math.ceil(right + MARGIN);
    int height = y + 12;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id)
        .append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" data-top=\"").append(HEADER).append("\">\n");
    s.append("<defs><marker id=\"").append(id).append("-head\" markerWidth=\"8\" ")
        .append("markerHeight=\"8\" refX=\"8\" refY=\"4\" orient=\"auto\" ")
        .append("markerUnits=\"userSpaceOnUse\">")
        .append("<path d=\"M0,0 L8,4 L0,8 z\" fill=\"#36c\"/></marker></defs>\n");
    for (int i = 0; i < x.length; i++) {
      String cls = faulty.contains(i) ? " faulty" : "";
      s.append("<text class=\"lane-title").append(cls).append("\" x=\"").append(num(x[i]))
          .append("\" y=\"16\" text-anchor=\"middle\">").append(escape(lanes.get(i)))
          .append("</text>\n<line class=\"life").append(cls).append("\" x1=\"").append(num(x[i]))
          .append("\" y1=\"24\" x2=\"").append(num(x[i])).append("\" y2=\"").append(height - 6)
          .append("\"/>\n");
    }
    s.append(body.toString().replace("@HEAD@", id + "-head"));
    return s.append("</svg>\n").toString();
  }

  /** Draws one row at {@code y}; returns the right-most x it drew at. */
  private double draw(StringBuilder s, Row r, double[] x, int y) {
    double right = 0;
    s.append("<g class=\"row\"");
    if (r.id != null) {
      s.append(" id=\"").append(escape(r.id)).append('"');
    }
    s.append(" data-h=\"").append(r.height()).append('"');
    r.data.forEach((k, v) -> s.append(" data-").append(k).append("=\"").append(escape(v))
        .append('"'));
    s.append(" transform=\"translate(0,").append(y).append(")\">");
    for (int lane : r.down) {
      s.append("<rect class=\"down\" x=\"").append(num(x[lane] - 3)).append("\" y=\"0\" ")
          .append("width=\"6\" height=\"").append(r.height()).append("\"/>");
    }
    int line = 0;
    if (r.title != null) {
      if (r.link != null) {
        s.append("<a href=\"").append(escape(r.link)).append("\">");
      }
      s.append("<text class=\"").append(r.titleClass).append("\" x=\"").append(MARGIN)
          .append("\" y=\"13\">").append(escape(r.title)).append("</text>");
      if (r.link != null) {
        s.append("</a>");
      }
      right = Math.max(right, MARGIN + textWidth(r.title));
    }
    if (!r.events.isEmpty()) {
      for (Event e : r.events) {
        double ex = x[e.lane];
        if (e.from >= 0 && e.from != e.lane) {
          double fx = x[e.from];
          s.append("<line class=\"arrow ").append(e.arrowClass).append("\" x1=\"")
              .append(num(fx)).append("\" y1=\"9\" x2=\"").append(num(ex + (ex > fx ? -6 : 6)))
              .append("\" y2=\"9\" marker-end=\"url(#@HEAD@)\"/>");
        }
        if (e.cssClass.equals("crash")) {
          s.append("<path class=\"crash\" d=\"M").append(num(ex - 5)).append(",4 l10,10 m0,-10 ")
              .append("l-10,10\"/>");
        } else {
          s.append("<circle class=\"dot ").append(e.cssClass).append("\" cx=\"").append(num(ex))
              .append("\" cy=\"9\" r=\"4\"/>");
        }
        s.append("<text class=\"").append(e.cssClass).append("\" x=\"").append(num(ex + 8))
            .append("\" y=\"13\">").append(escape(e.label)).append("</text>");
        right = Math.max(right, ex + 8 + textWidth(e.label));
      }
      line = LINE;
    }
    for (Message m : r.messages) {
      double from = x[m.from];
      for (int to : m.to) {
        double tx = x[to];
        double end = tx + (tx > from ? -5 : 5);
        s.append("<line class=\"arrow ").append(m.cssClass).append("\" x1=\"").append(num(from))
            .append("\" y1=\"").append(line + 16).append("\" x2=\"").append(num(end))
            .append("\" y2=\"").append(line + 24).append("\" marker-end=\"url(#@HEAD@)\"/>");
      }
      double lx = from + 6; // beside its sender
      s.append("<text class=\"").append(m.cssClass).append("\" x=\"").append(num(lx))
          .append("\" y=\"").append(line + 12).append("\">").append(escape(m.label))
          .append("</text>");
      right = Math.max(right, lx + textWidth(m.label));
      line += MESSAGE_LINE;
    }
    s.append("</g>\n");
    return right;
  }
}
