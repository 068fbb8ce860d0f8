package org.pbft.sim.check;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bounded traffic: correct replicas answer each message with a bounded number of messages, so
 * the messages in flight stay within a few broadcasts' worth per pair of nodes. Two replicas
 * that keep answering each other (each forwarding to the other what the other forwarded) make
 * that number grow without bound, duplication making it grow exponentially; without this check
 * such a run would not fail but never end, each tick slower than the last. The bound is far
 * above what any passing run holds (a few hundred messages at n = 7, a few thousand in the
 * burst after a pause).
 */
public final class TrafficChecker {
  /** Messages in flight allowed per ordered pair of replicas. */
  public static final int PER_PAIR = 2_000;
  private final long bound;

  public TrafficChecker(int replicas) {
    this.bound = (long) PER_PAIR * replicas * replicas;
  }

  public long bound() {
    return bound;
  }

  /**
   * A violation when {@code inFlight} messages exceed the bound at tick {@code now}; {@code
   * busiest} describes where they go, computed only then.
   */
  public Optional<Violation> check(long now, long inFlight, Supplier<String> busiest) {
    if (inFlight <= bound) {
      return Optional.empty();
    }
    return Optional.of(new Violation("Traffic", inFlight + " messages in flight at tick " + now
        + " (bound " + bound + "), most of them " + busiest.get()));
  }
}
