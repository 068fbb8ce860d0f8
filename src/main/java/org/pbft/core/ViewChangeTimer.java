package org.pbft.core;

/**
 * The view-change timer in logical ticks. It runs while the replica waits for a request to
 * execute, and while it waits for NEW-VIEW; each consecutive view change without a NEW-VIEW doubles
 * the wait (so that correct replicas eventually spend long enough in a view with a correct
 * primary).
 */
final class ViewChangeTimer {
  private static final long STOPPED = -1;
  private final long timeout;
  private long now;
  private long deadline = STOPPED;
  private int consecutiveViewChanges;

  ViewChangeTimer(long timeout) {
    this.timeout = timeout;
  }

  /** Advances one tick; true when the timer expired now (it then stops). */
  boolean tick() {
    now++;
    if (deadline != STOPPED && now >= deadline) {
      deadline = STOPPED;
      return true;
    }
    return false;
  }

  /** Ticks since the replica started. */
  long now() {
    return now;
  }

  boolean running() {
    return deadline != STOPPED;
  }

  /** Waiting for a request: start, unless already waiting for an earlier one. */
  void startIfStopped() {
    if (!running()) {
      restart();
    }
  }

  /** A request executed while others are still waiting: give them a full timeout. */
  void restart() {
    deadline = now + timeout;
  }

  void stop() {
    deadline = STOPPED;
  }

  /** Moved to a new view: wait for its NEW-VIEW, twice as long as for the previous one. */
  void awaitNewView() {
    int doublings = Math.min(consecutiveViewChanges, 30);
    consecutiveViewChanges++;
    deadline = now + (timeout << doublings);
  }

  /** Entered a view through NEW-VIEW: the next view change starts from the base timeout. */
  void enteredView() {
    consecutiveViewChanges = 0;
    stop();
  }
}
