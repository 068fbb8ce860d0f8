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
    return new Sampler().sample();
  }

  /**
   * Samples this process again and again at the cost of its JVM threads only: which threads are
   * the compilers' and the collector's is learned once per thread (from its {@code comm}), and
   * only their {@code stat} is read each time. A replica serving 32 clients has about 100
   * threads; reading every one's stat five times a second took about 1 % of a core.
   */
  public static final class Sampler {
    /** Each thread seen so far, by its id in /proc. A thread id is not reused while Linux has
     * fresh ones (they grow to pid_max first), so a kind learned once stays right. */
    private final java.util.Map<String, Kind> kinds = new java.util.HashMap<>();

    /** The times so far, or zeros where /proc cannot be read. */
    public synchronized JvmThreadsCpu sample() {
      long compiler = 0;
      long gc = 0;
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
        for (Path task : tasks) {
          Kind kind = kinds.get(task.getFileName().toString());
          try {
            if (kind == null) {
              kind = kind(Files.readString(task.resolve("comm")).strip());
              kinds.put(task.getFileName().toString(), kind);
            }
            if (kind != Kind.OTHER) {
              long ticks = ticks(Files.readString(task.resolve("stat")));
              if (kind == Kind.COMPILER) {
                compiler += ticks;
              } else {
                gc += ticks;
              }
            }
          } catch (IOException e) {
            // the thread ended between the listing and the read
          }
        }
      } catch (IOException | RuntimeException e) {
        return new JvmThreadsCpu(0, 0);
      }
      return new JvmThreadsCpu(compiler * NANOS_PER_TICK, gc * NANOS_PER_TICK);
    }
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

  /** utime + stime: fields 14 and 15 of the line, the 12th and 13th after the name. */
  static long ticks(String stat) {
    int at = stat.lastIndexOf(')') + 1;
    long sum = 0;
    for (int field = 0; field <= 12; field++) {
      while (at < stat.length() && stat.charAt(at) == ' ') {
        at++;
      }
      int start = at;
      while (at < stat.length() && stat.charAt(at) != ' ') {
        at++;
      }
      if (field >= 11) {
        sum += Long.parseLong(stat, start, at, 10);
      }
    }
    return sum;
  }
}
