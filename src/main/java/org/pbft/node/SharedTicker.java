package org.pbft.node;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for every client node of the process: each period has one task that runs all
 * the ticks registered for it, so that 32 client nodes in one process wake one thread 100 times
 * a second rather than 32 threads (each node's ticks still come at its own period). A tick that
 * throws is reported and stays registered: one node's failure does not stop the others' ticks.
 */
final class SharedTicker {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "client-ticks");
        t.setDaemon(true);
        return t;
      });
  private static final Map<Long, Set<Runnable>> BY_PERIOD = new ConcurrentHashMap<>();

  private SharedTicker() {}

  /** A registered tick; closing it stops it. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Runs {@code tick} every {@code periodMillis} until the returned registration is closed. */
  static Registration every(long periodMillis, Runnable tick) {
    if (periodMillis < 1) {
      throw new IllegalArgumentException("tick period " + periodMillis + " ms");
    }
    Set<Runnable> ticks = BY_PERIOD.computeIfAbsent(periodMillis, p -> {
      Set<Runnable> set = new CopyOnWriteArraySet<>();
      TIMER.scheduleAtFixedRate(() -> runAll(set), p, p, TimeUnit.MILLISECONDS);
      return set;
    });
    Runnable registered = tick::run; // a fresh identity: the same tick may be registered twice
    ticks.add(registered);
    return () -> ticks.remove(registered);
  }

  private static void runAll(Set<Runnable> ticks) {
    for (Runnable tick : ticks) {
      try {
        tick.run();
      } catch (RuntimeException e) {
        System.err.println("client tick failed: " + e);
      }
    }
  }
}
