package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedTickerTest {
  @Test
  void eachRegisteredTickRunsUntilItsHandleIsClosedAndAFailingOneStopsNoOther()
      throws Exception {
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    AtomicInteger failing = new AtomicInteger();
    SharedTicker.Registration ta = SharedTicker.every(5, a::incrementAndGet);
    SharedTicker.Registration tb = SharedTicker.every(5, b::incrementAndGet);
    SharedTicker.Registration tf = SharedTicker.every(5, () -> {
      failing.incrementAndGet();
      throw new IllegalStateException("a tick that fails, as a test");
    });
    waitUntil(() -> a.get() >= 3 && b.get() >= 3 && failing.get() >= 3);
    ta.close();
    Thread.sleep(20); // a tick in progress as it closed may still finish
    int aAtClose = a.get();
    int bBefore = b.get();
    waitUntil(() -> b.get() >= bBefore + 3);
    assertEquals(aAtClose, a.get(), "a closed tick does not run again");
    tb.close();
    tf.close();
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), "condition not reached in 10 s");
  }
}
