package org.pbft.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyValueStoreTest {
  private final KeyValueStore kv = new KeyValueStore();

  private KvResult run(KvOperation op) {
    return KvResult.decode(kv.execute(op.encode()));
  }

  @Test
  void putGetDeleteReturnPreviousValues() {
    assertEquals(KvResult.ok(null), run(new KvOperation.Put("a", "1")));
    assertEquals(KvResult.ok("1"), run(new KvOperation.Put("a", "2")));
    assertEquals(KvResult.ok("2"), run(new KvOperation.Get("a")));
    assertEquals(KvResult.ok("2"), run(new KvOperation.Delete("a")));
    assertEquals(KvResult.ok(null), run(new KvOperation.Get("a")));
  }

  @Test
  void compareAndSetAppliesOnlyOnTheExpectedValue() {
    assertEquals(KvResult.ok(null), run(new KvOperation.CompareAndSet("a", null, "1")));
    assertEquals(new KvResult(KvResult.Status.FAILED, "1"),
        run(new KvOperation.CompareAndSet("a", null, "2")));
    assertEquals(KvResult.ok("1"), run(new KvOperation.CompareAndSet("a", "1", "3")));
    assertEquals("3", kv.get("a"));
  }

  @Test
  void malformedOperationsFailTheSameWayEverywhere() {
    assertEquals(KvResult.Status.MALFORMED, KvResult.decode(kv.execute(new byte[] {9})).status());
    assertEquals(KvResult.Status.MALFORMED, KvResult.decode(kv.execute(new byte[0])).status());
    byte[] trailing = Arrays.copyOf(new KvOperation.Get("a").encode(), 10);
    assertEquals(KvResult.Status.MALFORMED, KvResult.decode(kv.execute(trailing)).status());
  }

  @Test
  void operationsRoundTripThroughTheirEncoding() {
    for (KvOperation op : List.of(new KvOperation.Put("k", "v"), new KvOperation.Get("k"),
        new KvOperation.Delete("k"), new KvOperation.CompareAndSet("k", null, "v"),
        new KvOperation.CompareAndSet("k", "", "v"))) {
      assertEquals(op, KvOperation.decode(op.encode()).orElseThrow());
    }
  }

  @Test
  void snapshotAndRestoreDependOnlyOnTheState() {
    kv.execute(new KvOperation.Put("b", "2").encode());
    kv.execute(new KvOperation.Put("a", "1").encode());
    KeyValueStore other = new KeyValueStore();
    other.execute(new KvOperation.Put("a", "1").encode());
    other.execute(new KvOperation.Put("b", "2").encode());
    assertArrayEquals(kv.snapshot(), other.snapshot(), "insertion order must not matter");

    KeyValueStore restored = new KeyValueStore();
    restored.execute(new KvOperation.Put("z", "9").encode());
    restored.restore(kv.snapshot());
    assertArrayEquals(kv.snapshot(), restored.snapshot());
    assertNull(restored.get("z"));
    assertEquals("1", restored.get("a"));
  }

  @Test
  void differentStatesHaveDifferentSnapshots() {
    byte[] before = kv.snapshot();
    kv.execute(new KvOperation.Put("a", "1").encode());
    assertFalse(Arrays.equals(before, kv.snapshot()));
  }
}
