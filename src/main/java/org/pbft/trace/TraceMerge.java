package org.pbft.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Merges the traces of several replicas into one sequence that respects causality.
 *
 * <p>Each event carries {@code step}: in the simulator the global step (one input handled by one
 * replica), in a run of separate processes a Lamport clock (a receive's clock is above its send's).
 * Either way, a message is received at a larger step than it was sent, so ordering by step puts
 * every receive after its send. Events of one replica keep their file order (a handler may log
 * several events at one step); events of different replicas at the same step are concurrent and are
 * ordered by replica id, so that the merge is deterministic.
 */
public final class TraceMerge {
  private TraceMerge() {}

  /** One sequence from the per-replica traces; each must hold a different replica. */
  public static List<TraceRecord> merge(List<List<TraceRecord>> perReplica)
      throws TraceFormatException {
    Map<Integer, TraceRecord> firstOf = new HashMap<>();
    int total = 0;
    for (List<TraceRecord> events : perReplica) {
      if (events.isEmpty()) {
        continue;
      }
      TraceRecord first = events.get(0);
      TraceRecord other = firstOf.putIfAbsent(first.replica(), first);
      if (other != null) {
        throw new TraceFormatException(first.file(), first.line(), "replica " + first.replica()
            + " also has events in " + other.file() + ": give one file per replica");
      }
      total += events.size();
    }
    Comparator<Cursor> order = Comparator.<Cursor>comparingLong(c -> c.head().step())
        .thenComparingInt(c -> c.head().replica());
    PriorityQueue<Cursor> heads = new PriorityQueue<>(order);
    for (List<TraceRecord> events : perReplica) {
      if (!events.isEmpty()) {
        heads.add(new Cursor(events, 0));
      }
    }
    List<TraceRecord> merged = new ArrayList<>(total);
    while (!heads.isEmpty()) {
      Cursor c = heads.poll();
      merged.add(c.head());
      if (c.index() + 1 < c.events().size()) {
        heads.add(new Cursor(c.events(), c.index() + 1));
      }
    }
    return merged;
  }

  private record Cursor(List<TraceRecord> events, int index) {
    TraceRecord head() {
      return events.get(index);
    }
  }
}
