package org.pbft.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.trace.TraceSink;
import org.pbft.wire.DropReason;

/**
 * Runs a range of seeds, each a fresh {@link Simulation}, and adds up what they did. A failing
 * seed is reported to the listener as it is found; {@code ./pbft simulate --seeds S..S} with the
 * same strategy selection replays it.
 */
public final class Campaign {
  private final SimParams params;
  private final String selection;
  private final Simulation.Wire wire;
  private final Simulation.PeerFactory correct;

  /** {@code selection}: a strategy name, {@code all} or {@code none}. */
  public Campaign(SimParams params, String selection) {
    this(params, selection, Simulation.Wire.DIRECT);
  }

  public Campaign(SimParams params, String selection, Simulation.Wire wire) {
    this(params, selection, wire, Simulation.PeerFactory.CORRECT);
  }

  /** With the replicas that are not Byzantine made by {@code correct}: a mutant, in tests. */
  public Campaign(SimParams params, String selection, Simulation.Wire wire,
      Simulation.PeerFactory correct) {
    Strategies.forSeed(selection, 0);
    this.params = params;
    this.selection = selection;
    this.wire = wire;
    this.correct = correct;
  }

  /** The totals of a campaign. */
  public record Totals(long seeds, long failed, long violations, RunStats stats, long nanos,
      Map<DropReason, Long> refusedFrames) {}

  public RunResult runSeed(long seed, TraceSink trace) {
    return new Simulation(seed, params,
        Strategies.teamForSeed(selection, seed, params.faulty()),
        correct, trace, wire).run();
  }

  public Totals run(long from, long to, java.util.function.LongFunction<TraceSink> traces,
      Consumer<RunResult> onFailure) {
    long start = System.nanoTime();
    long failed = 0;
    long violations = 0;
    RunStats stats = RunStats.ZERO;
    Map<DropReason, Long> refused = new EnumMap<>(DropReason.class);
    for (long seed = from; seed <= to; seed++) {
      TraceSink trace = traces.apply(seed);
      RunResult r;
      try {
        r = runSeed(seed, trace);
      } finally {
        if (trace instanceof AutoCloseable c) {
          closeTrace(c);
        }
      }
      stats = stats.plus(r.stats());
      r.refusedFrames().forEach((reason, count) -> refused.merge(reason, count, Long::sum));
      if (!r.passed()) {
        failed++;
        violations += r.violations().size();
        onFailure.accept(r);
      }
      if (seed == Long.MAX_VALUE) {
        break;
      }
    }
    return new Totals(to - from + 1, failed, violations, stats, System.nanoTime() - start,
        refused);
  }

  private static void closeTrace(AutoCloseable c) {
    try {
      c.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
