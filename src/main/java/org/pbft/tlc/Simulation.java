package org.pbft.tlc;

/**
 * TLC's random simulation ({@code -simulate}) instead of exhaustive model checking: for models
 * too large to exhaust, a fixed budget of random behaviours, each at most {@code depth} states
 * long, every state checked against the invariants. Reproducible from the seed.
 *
 * @param behaviours how many behaviours TLC generates ({@code -simulate num=})
 * @param depth the length bound of each behaviour ({@code -depth})
 * @param seed TLC's random seed ({@code -seed})
 */
public record Simulation(long behaviours, int depth, long seed) {
  public Simulation {
    if (behaviours < 1) {
      throw new IllegalArgumentException("a simulation needs at least one behaviour");
    }
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1, not " + depth);
    }
  }
}
