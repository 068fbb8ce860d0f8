package org.pbft.core;

/**
 * The view-change timer in logical ticks. It runs while the replica waits for a request to
 * execute, and while it waits for a NEW-VIEW once it holds 2f+1 VIEW-CHANGEs for that view
 * (Castro and Liskov's first liveness rule); each consecutive view change without a NEW-VIEW
 * doubles the wait (so that correct replicas eventually spend long enough in a view with a correct
 * primary).
 */
final class ViewChangeTimer {
  private static final long STOPPED = -1;
  private final long timeout;
  private long now;
  private long deadline = STOPPED;
  /** When the timer last started: what the replica saw since then is what it saw meanwhile. */
  private long startedAt;
  /** The length of the last NEW-VIEW wait. */
  private long newViewWait;
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

  /** The tick at which the timer last started (or was restarted). */
  long startedAt() {
    return startedAt;
  }

  /** Waiting for a request: start, unless already waiting for an earlier one. */
  void startIfStopped() {
    if (!running()) {
      restart();
    }
  }

  /** A request executed while others are still waiting: give them a full timeout. */
  void restart() {
    waitFor(timeout);
  }

  void stop() {
    deadline = STOPPED;
  }

  /**
   * 2f+1 VIEW-CHANGEs for the view this replica moved to: wait for its NEW-VIEW, twice as long as
   * for the previous one.
   */
  void awaitNewView() {
    int doublings = Math.min(consecutiveViewChanges, 30);
    consecutiveViewChanges++;
    newViewWait = timeout << doublings;
    waitFor(newViewWait);
  }

  /** The NEW-VIEW wait expired while the others work in that view: wait as long again. */
  void awaitNewViewAgain() {
    waitFor(newViewWait);
  }

  /** Entered a view through NEW-VIEW: the next view change starts from the base timeout. */
  void enteredView() {
    consecutiveViewChanges = 0;
    stop();
  }

  private void waitFor(long wait) {
    startedAt = now;
    deadline = now + wait;
  }
}
