package org.pbft.node;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import org.pbft.core.message.Message;
import org.pbft.wire.DropReason;
import org.pbft.wire.Frame;
import org.pbft.wire.SecureChannel;
import org.pbft.wire.WireException;

/** Frames dropped before they reach the core, by reason; thread-safe (reader threads count). */
public final class DropCounters {
  private final AtomicLongArray counts = new AtomicLongArray(DropReason.values().length);
  /** What the first frame refused for each reason was refused for, to say in the summary. */
  private final AtomicReferenceArray<String> firsts =
      new AtomicReferenceArray<>(DropReason.values().length);

  /**
   * The frame {@code bytes} carries, authenticated and decoded by {@code channel}; or null, the
   * reason it was refused counted here (a refused frame never reaches the core).
   */
  Frame open(SecureChannel channel, byte[] bytes) {
    return open(channel, bytes, m -> false);
  }

  /** As above; also null, and not counted here, for a message {@code needless} says to drop. */
  Frame open(SecureChannel channel, byte[] bytes, Predicate<Message> needless) {
    try {
      return channel.open(bytes, needless);
    } catch (WireException e) {
      counts.incrementAndGet(e.reason().ordinal());
      firsts.compareAndSet(e.reason().ordinal(), null, e.getMessage());
      return null;
    }
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

  /** Why the first frame refused for {@code reason} was refused, or null if none was. */
  public String first(DropReason reason) {
    return firsts.get(reason.ordinal());
  }

  /** The reasons with a non-zero count, each with what its first frame was refused for. */
  public String describe() {
    Map<DropReason, Long> counted = nonZero();
    StringBuilder out = new StringBuilder(counted.toString());
    for (DropReason r : counted.keySet()) {
      out.append("; first ").append(r).append(": ").append(first(r));
    }
    return out.toString();
  }

  public long total() {
    long sum = 0;
    for (int i = 0; i < counts.length(); i++) {
      sum += counts.get(i);
    }
    return sum;
  }
}
