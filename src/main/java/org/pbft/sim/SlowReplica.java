package org.pbft.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The schedule of {@link Pauses}: which correct replica is paused and until when, and what it
 * missed meanwhile. A paused replica takes no step: the messages due to it and its ticks wait,
 * in the order it would have taken them. When the pause ends it takes that whole backlog at
 * once, in that order, as a process does that was stopped with its input queued: it acts late
 * on everything, and what it sends leaves in a burst, stale by the length of the pause.
 *
 * <p>Why in order, and not every missed tick first (a clock that jumped, its timers firing
 * before it reads its input): the core's clock moves one tick per input, so ticks first would
 * run the replica through the whole pause deaf, timer after timer expiring, which is a
 * partition of its inbound links (the network already makes those), not a slow replica. A
 * replica that wakes behind the others in time is what this fault adds.
 */
final class SlowReplica {
  private final Pauses pauses;
  private final SplittableRandom random;
  private int paused = -1;
  private long resumeAt;
  /** The paused replica's inputs, in order: a message, or null for a tick. */
  private final List<Envelope> backlog = new ArrayList<>();
  private long count;
  private long pausedTicks;

  SlowReplica(Pauses pauses, SplittableRandom random) {
    this.pauses = pauses;
    this.random = random;
  }

  /**
   * What a pause that ends hands back: the replica's inputs in order, each a message or null
   * for a tick.
   */
  record Resumed(int replica, List<Envelope> backlog) {
    long ticks() {
      return backlog.stream().filter(e -> e == null).count();
    }
  }

  /**
   * At tick {@code now}: ends the pause due now (returning what to replay), or may start one on
   * one of {@code correct} (primary first if {@code primary} is among them), never at or after
   * {@code healTick}, and ending by it.
   */
  Resumed tick(long now, long healTick, List<Integer> correct, int primary) {
    if (paused >= 0) {
      if (now < resumeAt) {
        return null;
      }
      Resumed r = new Resumed(paused, Collections.unmodifiableList(new ArrayList<>(backlog)));
      paused = -1;
      backlog.clear();
      return r;
    }
    if (!pauses.any() || now >= healTick || correct.isEmpty()
        || random.nextDouble() >= pauses.rate()) {
      return null;
    }
    boolean hitPrimary = correct.contains(primary) && random.nextBoolean();
    paused = hitPrimary ? primary : correct.get(random.nextInt(correct.size()));
    resumeAt = Math.min(healTick, now + 1 + random.nextInt(pauses.maxTicks()));
    count++;
    pausedTicks += resumeAt - now;
    return null;
  }

  boolean isPaused(int replica) {
    return replica == paused;
  }

  /** A message due to the paused replica waits for the end of its pause. */
  void hold(Envelope e) {
    backlog.add(e);
  }

  /** The paused replica's tick waits too, behind the messages due before it. */
  void missTick() {
    backlog.add(null);
  }

  long count() {
    return count;
  }

  long pausedTicks() {
    return pausedTicks;
  }
}
