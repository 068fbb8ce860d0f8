package org.pbft.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The second half of a durable replica's event loop: it makes each group of inputs durable and
 * only then carries out the group's effects, in the order the core produced them.
 *
 * <p>The event loop appends a group's inputs to the log, steps the core on them and {@link
 * #submit}s the steps; it goes on with the next group while this thread syncs. One sync covers
 * every group waiting (and whatever the loop appended since), so the disk's latency overlaps the
 * core's work instead of adding to it. The rule that makes a restart safe is unchanged: a
 * message, reply or trace event leaves the process only after every input it depends on is on
 * disk, because a group is submitted after its inputs were appended and carried out after a sync
 * that started later.
 *
 * <p>At most {@link #MAX_WAITING} groups wait: a slow disk slows the event loop down instead of
 * filling memory.
 */
final class GroupCommitter {
  static final int MAX_WAITING = 8;

  /** Steps whose inputs are appended; {@code external} if any of them leaves the process. */
  private record Group(List<Stepped> steps, boolean external) {}

  /** Submitted by {@link #awaitCommitted}: released once everything before it is carried out. */
  private record Barrier(CountDownLatch done) {}

  private record End() {}

  /** What the committer syncs: every input appended before the call becomes durable. */
  interface Durable {
    void sync() throws IOException;
  }

  private final Durable inputs;
  private final Consumer<List<Stepped>> carryOut;
  private final Consumer<Throwable> onFailure;
  private final BlockingQueue<Object> waiting = new ArrayBlockingQueue<>(MAX_WAITING);
  private final Thread thread;
  private volatile boolean alive = true;

  /**
   * Starts the committer thread. {@code carryOut} runs on it; {@code onFailure} is told once if
   * the log cannot be written (an {@link IOException}) or carrying out fails, after which nothing
   * more is carried out.
   */
  GroupCommitter(String name, Durable inputs, Consumer<List<Stepped>> carryOut,
      Consumer<Throwable> onFailure) {
    this.inputs = inputs;
    this.carryOut = carryOut;
    this.onFailure = onFailure;
    this.thread = new Thread(this::run, name);
    thread.start();
  }

  /** Hands over a group whose inputs are appended; waits while {@link #MAX_WAITING} wait. */
  void submit(List<Stepped> steps, boolean external) throws InterruptedException {
    enqueue(new Group(List.copyOf(steps), external));
  }

  /** Returns once every group submitted so far is durable and carried out (or the committer has
   * failed). */
  void awaitCommitted() throws InterruptedException {
    Barrier b = new Barrier(new CountDownLatch(1));
    enqueue(b);
    while (alive && !b.done().await(100, TimeUnit.MILLISECONDS)) {
      // re-check that the committer has not failed meanwhile
    }
  }

  /** Carries out every group submitted, then stops the thread. */
  void finish() throws InterruptedException {
    enqueue(new End());
    thread.join();
  }

  private void enqueue(Object item) throws InterruptedException {
    while (alive && !waiting.offer(item, 100, TimeUnit.MILLISECONDS)) {
      // a failed committer takes nothing more: the caller is being stopped
    }
  }

  private void run() {
    List<Object> items = new ArrayList<>();
    List<Stepped> steps = new ArrayList<>();
    try {
      while (true) {
        items.clear();
        steps.clear();
        items.add(waiting.take());
        waiting.drainTo(items);
        boolean external = false;
        for (Object item : items) {
          if (item instanceof Group g) {
            external |= g.external();
          }
        }
        if (external) {
          inputs.sync();
        }
        for (Object item : items) {
          if (item instanceof Group g) {
            steps.addAll(g.steps());
          } else {
            carryOut.accept(steps);
            steps.clear();
            if (item instanceof Barrier b) {
              inputs.sync(); // the groups without external effects, too
              b.done().countDown();
            } else {
              return;
            }
          }
        }
        carryOut.accept(steps);
      }
    } catch (IOException | RuntimeException | Error e) {
      alive = false; // before the report: whoever it wakes must not wait for this thread
      onFailure.accept(e);
    } catch (InterruptedException e) {
      // stopped: nothing more is carried out
    } finally {
      alive = false;
    }
  }
}
