package org.pbft.node;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether every correct replica of a run stayed in the group: at the end, in the view most of
 * them are in, working in it, and within one checkpoint interval of the furthest execution. A
 * replica that left the group leaves the cluster tolerating one fault less, which no client's
 * answer shows; a figure measured so is a figure of fewer replicas, so the benchmark refuses it.
 */
public final class GroupCheck {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private GroupCheck() {}

  /**
   * {@code positions}: each replica's position at the end, one line each; {@code departures}: why
   * the group is not whole, one line per replica out of it (none if it is).
   */
  public record Verdict(List<String> positions, List<String> departures) {
    public boolean whole() {
      return departures.isEmpty();
    }
  }

  /**
   * {@code byReplica}: each correct replica's positions over the run, in order (a replica without
   * any is reported); their times, if not positive, are unknown and not printed.
   */
  public static Verdict check(Map<Integer, List<ReplicaPosition>> byReplica,
      long checkpointInterval) {
    Map<Integer, ReplicaPosition> last = new TreeMap<>();
    List<String> departures = new ArrayList<>();
    byReplica.forEach((id, samples) -> {
      if (samples.isEmpty()) {
        departures.add("replica " + id + " reported no position (its counters file has none)");
      } else {
        last.put(id, samples.get(samples.size() - 1));
      }
    });
    if (last.isEmpty()) {
      return new Verdict(List.of(), departures);
    }
    long groupView = groupView(last);
    long furthest = last.values().stream().mapToLong(ReplicaPosition::lastExecuted).max()
        .orElse(0);
    List<String> positions = new ArrayList<>();
    last.forEach((id, p) -> {
      positions.add("replica " + id + ": view " + p.view() + (p.normal() ? ""
          : " (waiting for its NEW-VIEW)") + ", executed up to " + p.lastExecuted()
          + (p.timeoutsStayed() > 0 ? ", " + p.timeoutsStayed()
          + " timeouts after which it stayed in its view (behind, alone where it waited, or"
          + " voting to leave with fewer than 2f+1 votes yet)" : ""));
      if (p.view() != groupView || !p.normal()) {
        long left = leftAt(byReplica.get(id), groupView);
        departures.add("replica " + id + " left the group"
            + (left > 0 ? " at " + CLOCK.format(Instant.ofEpochMilli(left)) : "") + ": view " + p.view() + (p.normal() ? "" : " waiting for its NEW-VIEW")
            + " against " + groupView);
      } else if (furthest - p.lastExecuted() > checkpointInterval) {
        departures.add("replica " + id + " fell behind: executed up to " + p.lastExecuted()
            + " against " + furthest + ", more than a checkpoint interval (" + checkpointInterval
            + ")");
      }
    });
    return new Verdict(positions, departures);
  }

  /** The view most replicas are in at the end (the highest of equally many). */
  private static long groupView(Map<Integer, ReplicaPosition> last) {
    Map<Long, Integer> count = new TreeMap<>();
    last.values().forEach(p -> count.merge(p.view(), 1, Integer::sum));
    long best = -1;
    int most = 0;
    for (var e : count.entrySet()) {
      if (e.getValue() >= most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /**
   * When the replica left: the sample after the last one in which it worked in the group's view,
   * or, if it never did, the first in which it was no longer in the view it started in.
   */
  private static long leftAt(List<ReplicaPosition> samples, long groupView) {
    for (int i = samples.size() - 1; i >= 0; i--) {
      ReplicaPosition p = samples.get(i);
      if (p.view() == groupView && p.normal()) {
        return samples.get(Math.min(i + 1, samples.size() - 1)).millis();
      }
    }
    long startView = samples.get(0).view();
    return samples.stream().filter(p -> p.view() != startView || !p.normal()).findFirst()
        .orElse(samples.get(0)).millis();
  }
}
