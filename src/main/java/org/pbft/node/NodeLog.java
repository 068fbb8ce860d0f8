package org.pbft.node;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Short log lines of one process: time, who, what. */
public final class NodeLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private final String who;
  private final PrintStream out;

  public NodeLog(String who, PrintStream out) {
    this.who = who;
    this.out = out;
  }

  public void info(String line) {
    out.println(LocalTime.now().format(TIME) + " " + who + ": " + line);
  }

  /** The stack trace of a failure, for the bug report a fatal message asks for. */
  public void stackTrace(Throwable e) {
    e.printStackTrace(out);
  }
}
