package org.pbft.service;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The example replicated service: a map from strings to strings with put, get, delete and
 * compare-and-set. Keys are kept sorted so that equal states have equal snapshots.
 */
public final class KeyValueStore implements Service {
  private final TreeMap<String, String> entries = new TreeMap<>();

  @Override
  public byte[] execute(byte[] operation) {
    return KvOperation.decode(operation)
        .map(this::apply)
        .orElse(new KvResult(KvResult.Status.MALFORMED, null))
        .encode();
  }

  /** A get reads without writing; every other operation may write, so it must be ordered. */
  @Override
  public Optional<byte[]> executeReadOnly(byte[] operation) {
    return KvOperation.decode(operation)
        .filter(op -> op instanceof KvOperation.Get)
        .map(get -> KvResult.ok(entries.get(get.key())).encode());
  }

  private KvResult apply(KvOperation op) {
    if (op instanceof KvOperation.Put p) {
      return KvResult.ok(entries.put(p.key(), p.value()));
    } else if (op instanceof KvOperation.Get g) {
      return KvResult.ok(entries.get(g.key()));
    } else if (op instanceof KvOperation.Delete d) {
      return KvResult.ok(entries.remove(d.key()));
    } else {
      KvOperation.CompareAndSet c = (KvOperation.CompareAndSet) op;
      String current = entries.get(c.key());
      if (!Objects.equals(current, c.expected())) {
        return new KvResult(KvResult.Status.FAILED, current);
      }
      entries.put(c.key(), c.value());
      return KvResult.ok(current);
    }
  }

  /** A read for tests and tools; replicas read only through {@link #execute} and
   * {@link #executeReadOnly}. */
  public String get(String key) {
    return entries.get(key);
  }

  @Override
  public byte[] snapshot() {
    KvCodec.Writer out = new KvCodec.Writer(4 + 16 * entries.size());
    out.i32(entries.size());
    for (Map.Entry<String, String> e : entries.entrySet()) {
      out.string(e.getKey()).string(e.getValue());
    }
    return out.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    TreeMap<String, String> restored = new TreeMap<>();
    KvCodec.Reader in = new KvCodec.Reader(snapshot);
    try {
      int size = in.i32();
      if (size < 0) {
        throw new KvCodec.Malformed("a negative entry count " + size);
      }
      for (int i = 0; i < size; i++) {
        restored.put(in.string(), in.string());
      }
      if (!in.atEnd()) {
        throw new KvCodec.Malformed("bytes after the last entry");
      }
    } catch (KvCodec.Malformed e) {
      throw new IllegalArgumentException("not a key-value snapshot: " + e.getMessage(), e);
    }
    entries.clear();
    entries.putAll(restored);
  }
}
