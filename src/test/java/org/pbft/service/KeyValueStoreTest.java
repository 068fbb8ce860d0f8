package org.pbft.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void valuesLargerThan64KiBRoundTripInOperationsResultsAndSnapshots() {
    String big = "v\u00e9".repeat(40_000); // 120,000 UTF-8 bytes, past writeUTF's 65,535
    KeyValueStore kv = new KeyValueStore();
    kv.execute(new KvOperation.Put("big", big).encode());
    KvResult read = KvResult.decode(kv.execute(new KvOperation.Get("big").encode()));
    assertEquals(big, read.value());
    KeyValueStore restored = new KeyValueStore();
    restored.restore(kv.snapshot());
    assertEquals(big, restored.get("big"));
  }

  @Test
  void truncatedResultsAndSnapshotsAreRefusedWithWhatIsWrong() {
    byte[] result = KvResult.ok("value").encode();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KvResult.decode(Arrays.copyOf(result, result.length - 1)));
    assertTrue(e.getMessage().contains("ends 1 bytes early"), e.getMessage());
    KeyValueStore kv = new KeyValueStore();
    kv.execute(new KvOperation.Put("a", "1").encode());
    byte[] snapshot = kv.snapshot();
    assertThrows(IllegalArgumentException.class,
        () -> new KeyValueStore().restore(Arrays.copyOf(snapshot, snapshot.length + 1)));
    byte[] op = new KvOperation.Put("k", "v").encode();
    assertTrue(KvOperation.decode(Arrays.copyOf(op, op.length - 1)).isEmpty());
  }
}
