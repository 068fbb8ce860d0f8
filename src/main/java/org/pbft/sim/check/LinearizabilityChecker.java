package org.pbft.sim.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;
import org.pbft.sim.Operation;

/**
 * Linearizability of a client history against the sequential key-value model (the store's own
 * semantics: put, get and delete return the previous value; compare-and-set fails with the
 * current one or succeeds with the previous one).
 *
 * <p>Every operation touches one key, and linearizability is local (Herlihy and Wing): the
 * history is linearizable iff each key's sub-history is. Each key is searched as Wing and Gong
 * do, with Lowe's memoization of (operations linearized, model state): an operation can come
 * next if it was invoked before every response of the operations not yet linearized, and its
 * recorded result is the model's. Pending operations (no response) may take effect or not.
 */
public final class LinearizabilityChecker {
  private LinearizabilityChecker() {}

  /** The first key whose history cannot be linearized, with the history; empty if none. */
  public static Optional<Violation> check(List<Operation> history) {
    Map<String, List<Operation>> byKey = new TreeMap<>();
    for (Operation op : history) {
      byKey.computeIfAbsent(op.op().key(), k -> new ArrayList<>()).add(op);
    }
    for (var e : byKey.entrySet()) {
      if (!new KeySearch(e.getValue()).linearizable()) {
        return Optional.of(new Violation("Linearizability", "key " + e.getKey()
            + " has no linearization: " + describe(e.getValue())));
      }
    }
    return Optional.empty();
  }

  private static String describe(List<Operation> ops) {
    List<String> shown = ops.stream().limit(40).map(Operation::toString).toList();
    return String.join("; ", shown) + (ops.size() > 40 ? "; ... " + ops.size() + " in all" : "");
  }

  /** The model: one key's value (null when absent). Returns the result and the next value. */
  record Step(KvResult result, String next) {}

  static Step apply(KvOperation op, String value) {
    if (op instanceof KvOperation.Put p) {
      return new Step(KvResult.ok(value), p.value());
    } else if (op instanceof KvOperation.Get) {
      return new Step(KvResult.ok(value), value);
    } else if (op instanceof KvOperation.Delete) {
      return new Step(KvResult.ok(value), null);
    } else {
      KvOperation.CompareAndSet c = (KvOperation.CompareAndSet) op;
      return Objects.equals(value, c.expected())
          ? new Step(KvResult.ok(value), c.value())
          : new Step(new KvResult(KvResult.Status.FAILED, value), value);
    }
  }

  private static final class KeySearch {
    private final Operation[] ops;
    private final int completed;
    private final Set<Visited> visited = new HashSet<>();

    private record Visited(BitSet done, String value) {}

    KeySearch(List<Operation> history) {
      ops = history.stream()
          .sorted(Comparator.comparingLong(Operation::invokeOrder))
          .toArray(Operation[]::new);
      completed = (int) history.stream().filter(Operation::completed).count();
    }

    boolean linearizable() {
      ArrayDeque<Frame> stack = new ArrayDeque<>();
      stack.push(frame(new BitSet(ops.length), 0, null));
      while (!stack.isEmpty()) {
        Frame f = stack.peek();
        if (f.completedDone == completed) {
          return true;
        }
        Frame next = nextChild(f);
        if (next == null) {
          stack.pop();
        } else {
          stack.push(next);
        }
      }
      return false;
    }

    /** A search state: the operations linearized, the model's value, where to try next. */
    private static final class Frame {
      final BitSet done;
      final int completedDone;
      final String value;
      final long firstResponse;
      int cursor;

      Frame(BitSet done, int completedDone, String value, long firstResponse) {
        this.done = done;
        this.completedDone = completedDone;
        this.value = value;
        this.firstResponse = firstResponse;
      }
    }

    private Frame frame(BitSet done, int completedDone, String value) {
      long firstResponse = Long.MAX_VALUE;
      for (int i = done.nextClearBit(0); i < ops.length; i = done.nextClearBit(i + 1)) {
        if (ops[i].completed()) {
          firstResponse = Math.min(firstResponse, ops[i].completeOrder());
        }
      }
      return new Frame(done, completedDone, value, firstResponse);
    }

    /**
     * The next operation that can come after {@code f}'s: invoked before every response still
     * due, with the model's result, leading to a state not visited yet; null if none is left.
     */
    private Frame nextChild(Frame f) {
      for (int i = f.done.nextClearBit(f.cursor);
          i < ops.length && ops[i].invokeOrder() < f.firstResponse;
          i = f.done.nextClearBit(i + 1)) {
        f.cursor = i + 1;
        Operation op = ops[i];
        Step step = apply(op.op(), f.value);
        if (op.completed() && !step.result().equals(op.result())) {
          continue;
        }
        BitSet next = (BitSet) f.done.clone();
        next.set(i);
        if (visited.add(new Visited(next, step.next()))) {
          return frame(next, f.completedDone + (op.completed() ? 1 : 0), step.next());
        }
      }
      f.cursor = ops.length;
      return null;
    }
  }
}
