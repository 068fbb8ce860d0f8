package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The committer's promise: a group is carried out only after a sync that covers it, in order. */
class GroupCommitterTest {

  /** A log that counts appends and remembers how many were covered by the last sync. */
  private static final class CountingLog implements GroupCommitter.Durable {
    final AtomicLong appended = new AtomicLong();
    final AtomicLong durable = new AtomicLong();
    final AtomicLong syncs = new AtomicLong();
    volatile boolean broken;

    @Override
    public void sync() throws IOException {
      long covered = appended.get();
      if (broken) {
        throw new IOException("disk full");
      }
      Thread.onSpinWait();
      durable.set(covered);
      syncs.incrementAndGet();
    }
  }

  /** A step that stands for input number {@code index}, appended as the {@code appended}th. */
  private static Stepped step(long index, long appended) {
    return new Stepped(List.of(), index, appended);
  }

  @Test
  void carriesOutEveryGroupInOrderAfterASyncThatCoversIt() throws Exception {
    CountingLog log = new CountingLog();
    List<Long> carried = new CopyOnWriteArrayList<>();
    List<String> early = new CopyOnWriteArrayList<>();
    GroupCommitter committer = new GroupCommitter("test-commit", log, steps -> {
      for (Stepped s : steps) {
        if (log.durable.get() < s.tick()) {
          early.add("input " + s.lamport() + " carried out before it was durable");
        }
        carried.add(s.lamport());
      }
    }, e -> early.add("failed: " + e));
    long index = 0;
    for (int group = 0; group < 2_000; group++) {
      List<Stepped> steps = new ArrayList<>();
      for (int i = 0; i < 1 + group % 5; i++) {
        steps.add(step(index++, log.appended.incrementAndGet()));
      }
      committer.submit(steps, true);
    }
    committer.finish();
    assertEquals(List.of(), early);
    assertEquals(index, carried.size());
    for (int i = 0; i < carried.size(); i++) {
      assertEquals(i, carried.get(i), "order");
    }
    assertTrue(log.syncs.get() <= 2_000, "at most one sync per group: " + log.syncs.get());
  }

  @Test
  void groupsWithoutExternalEffectsWaitForTheNextSync() throws Exception {
    CountingLog log = new CountingLog();
    List<Long> carried = new CopyOnWriteArrayList<>();
    GroupCommitter committer = new GroupCommitter("test-commit", log,
        steps -> steps.forEach(s -> carried.add(s.lamport())), e -> { });
    committer.submit(List.of(step(0, log.appended.incrementAndGet())), false);
    committer.awaitCommitted();
    assertEquals(List.of(0L), carried);
    assertEquals(1, log.durable.get(), "a barrier syncs what the groups before it appended");
    committer.finish();
  }

  @Test
  void aFailedSyncCarriesNothingOutAndIsReportedOnce() throws Exception {
    CountingLog log = new CountingLog();
    log.broken = true;
    List<Long> carried = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    GroupCommitter committer = new GroupCommitter("test-commit", log,
        steps -> steps.forEach(s -> carried.add(s.lamport())), failures::add);
    for (int i = 0; i < 3 * GroupCommitter.MAX_WAITING; i++) {
      // never blocks for good, though nothing is taken
      committer.submit(List.of(step(i, log.appended.incrementAndGet())), true);
    }
    committer.awaitCommitted();
    committer.finish();
    assertEquals(List.of(), carried);
    assertEquals(1, failures.size());
    assertInstanceOf(IOException.class, failures.get(0));
  }
}
