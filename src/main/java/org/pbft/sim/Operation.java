package org.pbft.sim;

import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;

/**
 * One client operation in a run's history: invoked at {@code invokeTick} and, once f+1 matching
 * replies arrived, completed at {@code completeTick} with {@code result} (null and -1 while
 * pending). {@code invokeOrder} and {@code completeOrder} place the invocation and the response
 * in one total order of events, finer than ticks: a precedes b in real time iff a.completeOrder <
 * b.invokeOrder.
 */
public record Operation(
    long client,
    long timestamp,
    KvOperation op,
    long invokeTick,
    long invokeOrder,
    long completeTick,
    long completeOrder,
    KvResult result) {

  public boolean completed() {
    return result != null;
  }

  /** A pending operation (no response yet): may or may not take effect. */
  public static Operation pending(long client, long timestamp, KvOperation op, long invokeTick,
      long invokeOrder) {
    return new Operation(client, timestamp, op, invokeTick, invokeOrder, -1, Long.MAX_VALUE, null);
  }

  public Operation complete(long tick, long order, KvResult r) {
    return new Operation(client, timestamp, op, invokeTick, invokeOrder, tick, order, r);
  }

  @Override
  public String toString() {
    return "c" + client + "#" + timestamp + " " + op + " [" + invokeTick + ", "
        + (completed() ? completeTick + "] -> " + result : "pending]");
  }
}
