package org.pbft.core;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many inputs were ignored, by {@link IgnoreReason}: the one counter the replica, the
 * replica process and the simulator all keep. Safe to read from another thread than the one
 * counting (a process prints its summary while its event loop runs).
 */
public final class IgnoreTally {
  private final long[] counts = new long[IgnoreReason.values().length];

  public synchronized void add(IgnoreReason reason) {
    counts[reason.ordinal()]++;
  }

  public synchronized long count(IgnoreReason reason) {
    return counts[reason.ordinal()];
  }

  /** The reasons counted at least once, in the enum's order. */
  public synchronized Map<IgnoreReason, Long> nonZero() {
    EnumMap<IgnoreReason, Long> seen = new EnumMap<>(IgnoreReason.class);
    for (IgnoreReason r : IgnoreReason.values()) {
      if (counts[r.ordinal()] > 0) {
        seen.put(r, counts[r.ordinal()]);
      }
    }
    return seen;
  }

  @Override
  public String toString() {
    return nonZero().toString();
  }
}
