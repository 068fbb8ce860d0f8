package org.pbft.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pbft.service.KvOperation;
import org.pbft.service.KvOperation.CompareAndSet;
import org.pbft.service.KvOperation.Delete;
import org.pbft.service.KvOperation.Get;
import org.pbft.service.KvOperation.Put;
import org.pbft.service.KvResult;
import org.pbft.sim.Operation;

/** Hand-made histories: the checker accepts the linearizable ones and refutes the others. */
class LinearizabilityCheckerTest {
  private final List<Operation> history = new ArrayList<>();

  /** An operation invoked at event {@code invoke} and answered at event {@code complete}. */
  private void op(long client, KvOperation op, long invoke, long complete, KvResult result) {
    history.add(new Operation(client, history.size() + 1, op, invoke, invoke, complete, complete,
        result));
  }

  private void pending(long client, KvOperation op, long invoke) {
    history.add(Operation.pending(client, history.size() + 1, op, invoke, invoke));
  }

  private static KvResult ok(String value) {
    return KvResult.ok(value);
  }

  private Optional<Violation> check() {
    return LinearizabilityChecker.check(history);
  }

  @Test
  void sequentialHistoryFollowingTheModelIsLinearizable() {
    op(1, new Put("k", "a"), 0, 1, ok(null));
    op(2, new Get("k"), 2, 3, ok("a"));
    op(1, new CompareAndSet("k", "a", "b"), 4, 5, ok("a"));
    op(2, new CompareAndSet("k", "a", "c"), 6, 7, new KvResult(KvResult.Status.FAILED, "b"));
    op(1, new Delete("k"), 8, 9, ok("b"));
    op(2, new Get("k"), 10, 11, ok(null));
    assertEquals(Optional.empty(), check());
  }

  @Test
  void aStaleReadAfterACompletedWriteIsNotLinearizable() {
    op(1, new Put("k", "a"), 0, 1, ok(null));
    op(1, new Put("k", "b"), 2, 3, ok("a"));
    op(2, new Get("k"), 4, 5, ok("a"));
    Optional<Violation> v = check();
    assertTrue(v.isPresent());
    assertEquals("Linearizability", v.get().check());
    assertTrue(v.get().detail().contains("key k"), v.get().detail());
  }

  @Test
  void concurrentOperationsMayTakeEffectInEitherOrder() {
    op(1, new Put("k", "a"), 0, 10, ok("b"));
    op(2, new Put("k", "b"), 1, 11, ok(null));
    op(3, new Get("k"), 12, 13, ok("a"));
    assertEquals(Optional.empty(), check());
  }

  @Test
  void aReadCannotSeeTwoOrdersAtOnce() {
    op(1, new Put("k", "a"), 0, 10, ok(null));
    op(2, new Put("k", "b"), 1, 11, ok(null));
    assertTrue(check().isPresent(), "both puts saw the key absent: one of them lost");
  }

  @Test
  void aPendingWriteMayTakeEffectOrNot() {
    pending(1, new Put("k", "a"), 0);
    op(2, new Get("k"), 1, 2, ok("a"));
    op(2, new Get("k"), 3, 4, ok("a"));
    assertEquals(Optional.empty(), check());
    history.clear();
    pending(1, new Put("k", "a"), 0);
    op(2, new Get("k"), 1, 2, ok(null));
    assertEquals(Optional.empty(), check());
  }

  @Test
  void aValueThatComesBackAfterBeingReplacedIsNotLinearizable() {
    pending(1, new Put("k", "a"), 0);
    op(2, new Get("k"), 1, 2, ok("a"));
    op(3, new Put("k", "b"), 3, 4, ok("a"));
    op(2, new Get("k"), 5, 6, ok("a"));
    assertTrue(check().isPresent());
  }

  @Test
  void keysAreCheckedSeparately() {
    op(1, new Put("x", "a"), 0, 1, ok(null));
    op(2, new Get("y"), 2, 3, ok(null));
    op(2, new Get("x"), 4, 5, ok("a"));
    assertEquals(Optional.empty(), check());
    op(1, new Get("y"), 6, 7, ok("a"));
    assertTrue(check().get().detail().contains("key y"));
  }

  @Test
  void longHistoriesNeedNoDeepStack() {
    for (int i = 0; i < 20_000; i++) {
      String previous = i == 0 ? null : "v" + (i - 1);
      op(1, new KvOperation.Put("k", "v" + i), 2L * i, 2L * i + 1, ok(previous));
    }
    assertEquals(Optional.empty(), check());
  }

  @Test
  void manyConcurrentClientsStayTractable() {
    long t = 0;
    for (int round = 0; round < 200; round++) {
      for (int c = 0; c < 4; c++) {
        String previous = c > 0 ? "v" + round + "." + (c - 1)
            : round > 0 ? "v" + (round - 1) + ".3" : null;
        op(c, new Put("k", "v" + round + "." + c), t + c, t + 10 + c, ok(previous));
      }
      t += 20;
    }
    assertEquals(Optional.empty(), check());
  }
}
