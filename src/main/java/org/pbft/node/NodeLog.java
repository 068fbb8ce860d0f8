package org.pbft.node;

import java.io.PrintStream;
import java.time.LocalTime;

/** Short log lines of one process: time, who, what. */
public final class NodeLog {
  private final String who;
  private final PrintStream out;

  public NodeLog(String who, PrintStream out) {
    this.who = who;
    this.out = out;
  }

  public void info(String line) {
    out.println(time(LocalTime.now()) + " " + who + ": " + line);
  }

  /** HH:mm:ss.SSS written by hand: the formatter's fraction printing went through BigDecimal. */
  static String time(LocalTime t) {
    StringBuilder b = new StringBuilder(12);
    two(b, t.getHour()).append(':');
    two(b, t.getMinute()).append(':');
    two(b, t.getSecond()).append('.');
    int millis = t.getNano() / 1_000_000;
    return b.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10)).toString();
  }

  private static StringBuilder two(StringBuilder b, int value) {
    return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** The stack trace of a failure, for the bug report a fatal message asks for. */
  public void stackTrace(Throwable e) {
    e.printStackTrace(out);
  }
}
