package org.pbft.node;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this process's JIT compiler threads and garbage collector threads, so far. The
 * benchmark subtracts two samples: on a machine with fewer cores than processes the JIT
 * compilers of five JVMs keep compiling well after a warm-up of seconds, and their time is CPU
 * the protocol did not get. Read from Linux's {@code /proc/self/task/TID/stat} (the JVM's own
 * threads are not Java threads, so {@code ThreadMXBean} does not see them); 0 and 0 elsewhere.
 *
 * @param compilerNanos the C1 and C2 compiler threads
 * @param gcNanos the collector's threads (G1's, or any collector's "GC Thread#N")
 */
public record JvmThreadsCpu(long compilerNanos, long gcNanos) {
  /** /proc reports times in clock ticks of USER_HZ, which Linux fixes at 100 per second. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** The times of the current process, or zeros where /proc cannot be read. */
  public static JvmThreadsCpu ofThisProcess() {
    long compiler = 0;
    long gc = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended between the listing and the read
        }
        long ticks = ticks(stat);
        switch (kind(name(stat))) {
          case COMPILER -> compiler += ticks;
          case GC -> gc += ticks;
          case OTHER -> { }
        }
      }
    } catch (IOException | RuntimeException e) {
      return new JvmThreadsCpu(0, 0);
    }
    return new JvmThreadsCpu(compiler * NANOS_PER_TICK, gc * NANOS_PER_TICK);
  }

  enum Kind { COMPILER, GC, OTHER }

  /** Which of the JVM's threads a name (as in /proc, at most 15 characters) belongs to. */
  static Kind kind(String threadName) {
    if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
      return Kind.COMPILER;
    }
    if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
      return Kind.GC;
    }
    return Kind.OTHER;
  }

  /** The thread name, between the first '(' and the last ')' (names may hold both). */
  static String name(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** utime + stime: fields 14 and 15 of the line, the 12th and 13th after the name. */
  static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
