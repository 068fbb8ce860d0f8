package org.pbft.trace;

import org.pbft.core.TraceEvent;

/**
 * Where the trace events of correct replicas go: {@code tick} is the logical time and {@code
 * step} the position of the step in the run's single total order (consistent with causality:
 * a message is received at a later step than it was sent).
 */
public interface TraceSink {

  TraceSink NONE = (tick, step, event) -> {};

  void record(long tick, long step, TraceEvent event);
}
