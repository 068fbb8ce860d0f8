package org.pbft.node;

/**
 * A Lamport clock (one per process, used by its event loop only). Each step of the core
 * advances it past everything the step's input carried, so that every trace event of a receive
 * has a larger clock than the event of the matching send: ordering the merged traces of all
 * replicas by clock respects causality.
 */
final class LamportClock {
  private long time;

  /** A message stamped {@code remote} is consumed: the clock moves past it. */
  long receive(long remote) {
    time = Math.max(time, remote) + 1;
    return time;
  }

  /** A local step (a tick): the clock advances by one. */
  long tick() {
    return ++time;
  }

  /** A restarted process continues from the clock its snapshot recorded. */
  void restore(long time) {
    this.time = Math.max(this.time, time);
  }

  long now() {
    return time;
  }
}
