package org.pbft.node;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.pbft.wire.DropReason;

/** Frames dropped before they reach the core, by reason; thread-safe (reader threads count). */
public final class DropCounters {
  private final AtomicLongArray counts = new AtomicLongArray(DropReason.values().length);

  void count(DropReason reason) {
    counts.incrementAndGet(reason.ordinal());
  }

  public long get(DropReason reason) {
    return counts.get(reason.ordinal());
  }

  /** The reasons with a non-zero count. */
  public Map<DropReason, Long> nonZero() {
    Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      long c = counts.get(r.ordinal());
      if (c > 0) {
        out.put(r, c);
      }
    }
    return out;
  }

  public long total() {
    long sum = 0;
    for (int i = 0; i < counts.length(); i++) {
      sum += counts.get(i);
    }
    return sum;
  }
}
