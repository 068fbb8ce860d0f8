package org.pbft.sim;

import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The schedule of {@link Pauses}: which correct replica is paused and until when, and what it
 * missed meanwhile. A paused replica takes no step: the messages due to it wait in arrival
 * order, and the ticks it missed are counted. When the pause ends it first sees every missed
 * tick at once, as a process whose clock jumped while it was stopped (its timers fire first),
 * then the held messages in the order they arrived. What it sends then leaves in a burst.
 */
final class SlowReplica {
  private final Pauses pauses;
  private final SplittableRandom random;
  private int paused = -1;
  private long resumeAt;
  private long missedTicks;
  private final ArrayDeque<Envelope> held = new ArrayDeque<>();
  private long count;
  private long pausedTicks;

  SlowReplica(Pauses pauses, SplittableRandom random) {
    this.pauses = pauses;
    this.random = random;
  }

  /** What a pause that ends hands back: the ticks missed, then the messages held. */
  record Resumed(int replica, long ticks, List<Envelope> messages) {}

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
      Resumed r = new Resumed(paused, missedTicks, List.copyOf(held));
      paused = -1;
      missedTicks = 0;
      held.clear();
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
    held.add(e);
  }

  /** The paused replica missed a tick. */
  void missTick() {
    missedTicks++;
  }

  long count() {
    return count;
  }

  long pausedTicks() {
    return pausedTicks;
  }
}
