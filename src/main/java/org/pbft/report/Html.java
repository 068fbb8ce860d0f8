package org.pbft.report;

import java.util.Locale;

/** What every page shares: escaping, number formatting and the style sheet. */
public final class Html {
  /** Monospace in charts, so that a label's width can be known before a browser draws it. */
  static final String STYLE = """
      body{font-family:sans-serif;margin:1.5em;color:#222}
      h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
      table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;
      vertical-align:top}th{background:#f4f4f4}
      code,pre,.state td{font-family:monospace;font-size:12px}
      pre{white-space:pre-wrap;margin:0}
      svg.chart{font-family:monospace;font-size:12px;display:block;margin:0.5em 0}
      svg.chart .lane-title{font-weight:bold}
      svg.chart .faulty{fill:#b22}
      svg.chart line.life{stroke:#999}
      svg.chart line.life.faulty{stroke:#b22;stroke-dasharray:4,4}
      svg.chart .arrow{stroke:#36c;fill:none}
      svg.chart .arrow.implied{stroke:#b22;stroke-dasharray:5,3}
      svg.chart .arrow.equivocation{stroke:#d00;stroke-width:2}
      svg.chart text.equivocation{fill:#d00;font-weight:bold}
      svg.chart .dot{fill:#555}svg.chart .dot.view{fill:#36c}
      svg.chart .dot.restart{fill:#2a2}svg.chart text.restart{fill:#171}
      svg.chart path.crash{stroke:#d00;stroke-width:2.5}svg.chart text.crash{fill:#d00}
      svg.chart rect.down{fill:#fff;stroke:#d00;stroke-dasharray:2,2}
      svg.chart text.step{fill:#666}
      svg.chart text.violation{fill:#d00;font-weight:bold}
      svg.chart g.row:target text,svg.chart g.row.hl text{font-weight:bold}
      .changed{background:#fff3c4}
      details{margin:2px 0}summary{cursor:pointer}
      .note{color:#555;max-width:60em}
      """;

  private Html() {}

  /** The style sheet of every page, for a {@code <style>} element. */
  public static String style() {
    return STYLE;
  }

  /** Text for HTML content and attribute values. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The start of a page: doctype, title, style, heading. */
  static StringBuilder start(String title) {
    return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(escape(title)).append("</title><style>").append(STYLE)
        .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
