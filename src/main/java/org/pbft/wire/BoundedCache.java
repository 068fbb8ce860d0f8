package org.pbft.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pbft.core.message.Digest;

/**
 * A thread-safe map from the SHA-256 of canonical bytes to what was verified for them, holding
 * at most {@code capacity} entries: the oldest inserted is evicted first. Keyed by the hash, not
 * the bytes, so a cached pre-prepare costs 32 bytes of key however large its batch.
 */
final class BoundedCache<V> {
  private final Map<Digest, V> entries;

  BoundedCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Digest, V> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized V get(Digest key) {
    return entries.get(key);
  }

  synchronized void put(Digest key, V value) {
    entries.put(key, value);
  }

  synchronized void putIfAbsent(Digest key, V value) {
    entries.putIfAbsent(key, value);
  }

  /** The entries, oldest first. */
  synchronized Map<Digest, V> copy() {
    return new LinkedHashMap<>(entries);
  }

  /** Adds {@code more} in its order (oldest first). */
  synchronized void putAll(Map<Digest, V> more) {
    entries.putAll(more);
  }

  synchronized int size() {
    return entries.size();
  }
}
