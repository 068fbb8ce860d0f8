package org.pbft.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Peak resident memory of replica processes, as Linux reports it ({@code VmHWM} in
 * /proc/PID/status): what the attack benchmark reports for the correct replicas.
 */
public final class PeakMemory {
  private PeakMemory() {}

  /** "replica 1 123 MiB, ..." for each of {@code ids}; "unknown" where /proc cannot tell. */
  public static String of(LocalCluster replicas, List<Integer> ids) {
    StringJoiner out = new StringJoiner(", ");
    for (int id : ids) {
      long kib = peakKib(replicas.pid(id));
      out.add("replica " + id + " " + (kib < 0 ? "unknown"
          : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0)));
    }
    return out.toString();
  }

  /** VmHWM of {@code pid} in KiB, or -1 if the process or the field is not there. */
  static long peakKib(long pid) {
    if (pid < 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
