package org.pbft.sim;

/**
 * The slow-replica fault of the fault phase: a correct replica stops taking steps for a while,
 * as one does during a long garbage-collection pause or behind a slow disk, and then catches up
 * in a burst ({@link SlowReplica}). Each tick of the fault phase, while no replica is paused, a pause starts with
 * probability {@code rate}; it lasts 1..{@code maxTicks} ticks and ends by the time the network
 * heals. Half of the pauses hit the primary of the highest view a correct replica is in (when
 * that primary is correct): a slow primary is the case that makes the others change views.
 */
public record Pauses(double rate, int maxTicks) {

  /** No replica is ever paused. */
  public static final Pauses NONE = new Pauses(0, 0);

  public Pauses {
    if (rate < 0 || rate > 1 || maxTicks < 0 || (rate > 0 && maxTicks < 1)) {
      throw new IllegalArgumentException("pause rate in [0, 1], pauses of at least one tick");
    }
  }

  /**
   * The campaigns' pauses for a view-change timeout of {@code timeout} ticks: about one pause
   * every 250 ticks, each up to three timeouts long, so that a paused primary's backups time out
   * and a paused backup wakes after the others moved on.
   */
  public static Pauses forTimeout(long timeout) {
    return new Pauses(0.004, (int) Math.max(1, 3 * timeout));
  }

  public boolean any() {
    return rate > 0;
  }
}
