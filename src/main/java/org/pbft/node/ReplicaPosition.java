package org.pbft.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a correct replica stands at {@code millis} (wall clock): its view, whether it works in it
 * (normal status) or waits for its NEW-VIEW, the last sequence number it executed, and how many
 * times its view-change timer found it behind the others and kept it in its view. Written beside
 * its {@link WorkCounters} on each line of a counters file, so that the benchmark can tell
 * whether every replica stayed in the group ({@link GroupCheck}).
 */
public record ReplicaPosition(long millis, long view, boolean normal, long lastExecuted,
    long timeoutsBehind) {

  /** {@code key=value} pairs, keys distinct from {@link WorkCounters}'s. */
  public String toLine() {
    return "view=" + view + " normal=" + (normal ? 1 : 0) + " lastExecuted=" + lastExecuted
        + " timeoutsBehind=" + timeoutsBehind;
  }

  /**
   * The position on a counters line, or empty if the line has none (a process that runs no
   * correct replica: the unreplicated server, a Byzantine replica).
   */
  public static Optional<ReplicaPosition> parse(String line) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String pair : line.trim().split(" ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        } catch (NumberFormatException e) {
          return Optional.empty(); // a torn line
        }
      }
    }
    Long millis = values.get("millis");
    Long view = values.get("view");
    Long normal = values.get("normal");
    Long executed = values.get("lastExecuted");
    Long behind = values.get("timeoutsBehind");
    if (millis == null || view == null || normal == null || executed == null || behind == null) {
      return Optional.empty();
    }
    return Optional.of(new ReplicaPosition(millis, view, normal == 1, executed, behind));
  }
}
