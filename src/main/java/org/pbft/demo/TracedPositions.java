package org.pbft.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pbft.node.ReplicaPosition;
import org.pbft.trace.TraceRecord;

/**
 * Where each traced replica stood after each of its events: its view (the view it moved to, or
 * entered), whether it worked in it, and the last sequence number it executed (or whose state it
 * installed). Read from the traces rather than asked of the processes, which the demo has
 * stopped by then. Times are unknown (0).
 */
final class TracedPositions {
  private TracedPositions() {}

  static Map<Integer, List<ReplicaPosition>> of(List<TraceRecord> merged) {
    Map<Integer, List<ReplicaPosition>> out = new TreeMap<>();
    Map<Integer, ReplicaPosition> now = new TreeMap<>();
    for (TraceRecord e : merged) {
      ReplicaPosition p = now.getOrDefault(e.replica(), new ReplicaPosition(0, 0, true, 0, 0));
      ReplicaPosition next = switch (e.action()) {
        case StartViewChange, JoinViewChange ->
            new ReplicaPosition(0, e.view(), false, p.lastExecuted(), 0);
        case SendNewView, ReceiveNewView ->
            new ReplicaPosition(0, e.view(), true, p.lastExecuted(), 0);
        case Execute, StateTransfer -> new ReplicaPosition(0, p.view(), p.normal(),
            Math.max(p.lastExecuted(), e.seq()), 0);
        case Restart -> new ReplicaPosition(0, e.view(), p.normal(), e.seq(), 0);
        default -> p;
      };
      now.put(e.replica(), next);
      out.computeIfAbsent(e.replica(), r -> new ArrayList<>()).add(next);
    }
    return out;
  }
}
