package org.pbft.cli;

import static org.pbft.tlc.Numbers.count;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.pbft.sim.Campaign;
import org.pbft.sim.NetworkConditions;
import org.pbft.sim.Pauses;
import org.pbft.sim.RunResult;
import org.pbft.sim.RunStats;
import org.pbft.sim.SimParams;
import org.pbft.sim.Simulation;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.trace.NdjsonTrace;
import org.pbft.trace.TraceSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pbft simulate}: runs the deterministic simulator over a range of seeds. */
@Command(
    name = "simulate",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Runs n replicas (default 4; f = floor((n - 1) / 3)), f of them Byzantine, with clients "
            + "issuing key-value "
            + "operations over a simulated network: a fault phase (delay, loss, duplication, "
            + "reordering, partitions) then a healed phase (no loss, no partitions) in which "
            + "every request must complete within a bound of ticks. During the fault phase a "
            + "correct replica (often the primary) may also pause, as in a long GC pause, and "
            + "catch up in a burst.",
        "Checks the spec invariants after every step, agreement of correct replicas, "
            + "linearizability of the client history, liveness after healing, and convergence: "
            + "once the clients are done, every correct replica back in one view, in normal "
            + "status, having executed what the others executed. Prints one "
            + "line per failing seed, with the command that replays it, and a total."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:no violation",
        "1:a seed violated a check",
        "2:usage error"})
final class SimulateCommand implements Callable<Integer> {
  private static final Pattern RANGE = Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?");

  @Option(names = "--seeds", paramLabel = "A..B", defaultValue = "1..100",
      description = "Seeds to run, inclusive: A..B or a single seed (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(names = "--n", paramLabel = "N", defaultValue = "4",
      description = "Replicas: 4, 7, 10, ... (n = 3f + 1 tolerates f Byzantine replicas; "
          + "default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--faulty", paramLabel = "K",
      description = "How many replicas play the strategy, 0..f (default: f). Each plays its own "
          + "copy of it; the colluding strategies share one plan.")
  Integer faulty;

  @Option(names = "--byzantine", paramLabel = "STRATEGY", defaultValue = Strategies.ALL,
      description = "The Byzantine replicas' strategy: one of equivocate, silent, skip-reorder, "
          + "wrong-digest, replay, hide-prepared, forge-new-view, random; 'all' (one per seed, "
          + "rotating through them); by name only, 'flood' (a silent primary multicasting "
          + "distinct signed votes and far checkpoints every tick), 'twins' (two correct copies "
          + "of the faulty replica, each with its own state and part of the others), 'collude' "
          + "(the faulty replicas follow one plan: the primary equivocates, the others back each "
          + "version toward the replicas that received it) and 'mutate' (one field of a few "
          + "messages changed, or sent late or twice); 'every' (one per seed, rotating through all of "
          + "them); or 'none' "
          + "(every replica correct). "
          + "Default: ${DEFAULT-VALUE}.")
  String byzantine;

  @Option(names = "--trace", paramLabel = "DIR",
      description = "Write the trace events of correct replicas as NDJSON: "
          + "DIR/seed-<S>/replica-<i>.ndjson, one line per spec action.")
  Path trace;

  @Option(names = "--ops", paramLabel = "N",
      description = "Operations per client (3 clients; default: 30).")
  Integer ops;

  @Option(names = "--liveness-bound", paramLabel = "TICKS",
      description = "Ticks within which every request must complete after the network heals "
          + "(default: 1500). A small bound makes the liveness check fail.")
  Long livenessBound;

  @Option(names = "--loss", paramLabel = "P",
      description = "Probability that a message is lost during the fault phase, in [0, 1) "
          + "(default: 0.05).")
  Double loss;

  @Option(names = "--partition-rate", paramLabel = "P",
      description = "Probability per tick that a partition starts during the fault phase, in "
          + "[0, 1] (default: 0.005; 0: loss, delay and duplication only).")
  Double partitionRate;

  @Option(names = "--pause-rate", paramLabel = "P",
      description = "Probability per tick of the fault phase that a correct replica pauses (up "
          + "to three view-change timeouts; half the time the primary), in [0, 1] (default: "
          + "0.004; 0: no slow replica).")
  Double pauseRate;

  @Option(names = "--convergence-bound", paramLabel = "TICKS",
      description = "Ticks within which, once the clients are done and the network healed, "
          + "every correct replica must be back in the group (default: 1000).")
  Long convergenceBound;

  @Option(names = "--wire",
      description = "Seal and open every message with the real SecureChannel and keys (the "
          + "Byzantine replica also cuts, inflates, tampers with and replays its frames); prints "
          + "the frames refused, by reason.")
  boolean wire;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Matcher m = RANGE.matcher(seeds.trim());
    if (!m.matches()) {
      err.println("pbft simulate: --seeds takes A..B or a seed, not '" + seeds + "'");
      return 2;
    }
    long from = Long.parseLong(m.group(1));
    long to = m.group(2) == null ? from : Long.parseLong(m.group(2));
    if (to < from) {
      err.println("pbft simulate: empty seed range " + seeds);
      return 2;
    }
    if ((ops != null && ops < 0) || (livenessBound != null && livenessBound < 1)) {
      err.println("pbft simulate: --ops must not be negative, --liveness-bound must be positive");
      return 2;
    }
    if (replicas < 4 || (replicas - 1) % 3 != 0) {
      err.println("pbft simulate: --n takes 3f + 1 replicas for some f >= 1 (4, 7, 10, ...), not "
          + replicas);
      return 2;
    }
    SimParams params = SimParams.defaults(replicas);
    if (faulty != null) {
      int f = params.replicaConfig().quorums().f();
      if (faulty < 0 || faulty > f) {
        err.println("pbft simulate: --faulty takes 0.." + f + " for n = " + replicas + ", not "
            + faulty);
        return 2;
      }
      params = params.withFaulty(faulty);
    }
    if (ops != null) {
      params = params.withOpsPerClient(ops);
    }
    params = params.withPauses();
    if (pauseRate != null) {
      if (pauseRate < 0 || pauseRate > 1) {
        err.println("pbft simulate: --pause-rate takes a probability in [0, 1], not "
            + pauseRate);
        return 2;
      }
      params = params.withPauses(pauseRate == 0 ? Pauses.NONE
          : new Pauses(pauseRate, params.pauses().maxTicks()));
    }
    if (convergenceBound != null) {
      if (convergenceBound < 0) {
        err.println("pbft simulate: --convergence-bound must not be negative");
        return 2;
      }
      params = params.withConvergenceBound(convergenceBound);
    }
    if (livenessBound != null) {
      params = params.withLivenessBound(livenessBound);
    }
    if (loss != null || partitionRate != null) {
      NetworkConditions f = params.faults();
      try {
        params = params.withFaults(params.faultTicks(), new NetworkConditions(f.minDelay(),
            f.maxDelay(), loss != null ? loss : f.loss(), f.duplication(),
            partitionRate != null ? partitionRate : f.partitionRate(), f.maxPartitionTicks()));
      } catch (IllegalArgumentException e) {
        err.println("pbft simulate: --loss takes a probability in [0, 1), --partition-rate one"
            + " in [0, 1]: " + e.getMessage());
        return 2;
      }
    }
    Campaign campaign;
    try {
      campaign = new Campaign(params, byzantine,
          wire ? Simulation.Wire.SEALED : Simulation.Wire.DIRECT);
    } catch (IllegalArgumentException e) {
      err.println("pbft simulate: " + e.getMessage());
      return 2;
    }
    Campaign.Totals t = campaign.run(from, to,
        seed -> trace == null ? TraceSink.NONE : new NdjsonTrace(trace.resolve("seed-" + seed)),
        r -> failure(out, r));
    total(out, t);
    out.flush();
    return t.failed() == 0 ? 0 : 1;
  }

  private void failure(PrintWriter out, RunResult r) {
    List<Integer> byz = r.byzantineReplicas();
    String who = byz.isEmpty()
        ? "no Byzantine replica"
        : r.strategy() + (byz.size() == 1 ? " at replica " : " at replicas ")
            + byz.stream().map(String::valueOf).collect(Collectors.joining(", "));
    out.println("FAIL seed " + r.seed() + " (" + who + "): " + r.violations().get(0)
        + (r.violations().size() > 1 ? " (+" + (r.violations().size() - 1) + " more)" : ""));
    out.println("    replay: ./pbft simulate --seeds " + r.seed() + " --byzantine "
        + (byz.isEmpty() ? Strategies.NONE : r.strategy())
        + (replicas == 4 ? "" : " --n " + replicas)
        + (faulty == null ? "" : " --faulty " + faulty)
        + (ops == null ? "" : " --ops " + ops)
        + (livenessBound == null ? "" : " --liveness-bound " + livenessBound)
        + (loss == null ? "" : " --loss " + loss)
        + (partitionRate == null ? "" : " --partition-rate " + partitionRate)
        + (pauseRate == null ? "" : " --pause-rate " + pauseRate)
        + (convergenceBound == null ? "" : " --convergence-bound " + convergenceBound)
        + (wire ? " --wire" : ""));
    out.flush();
  }

  private void total(PrintWriter out, Campaign.Totals t) {
    RunStats s = t.stats();
    double seconds = t.nanos() / 1e9;
    out.println((t.failed() == 0 ? "PASS " : "FAIL ") + count(t.seeds())
        + (t.seeds() == 1 ? " seed (" : " seeds (")
        + seeds + ", n = " + replicas + ", byzantine " + byzantine + "), " + count(t.failed()) + " failed: "
        + count(s.requests()) + " requests, " + count(s.viewChanges()) + " view changes, "
        + count(s.checkpoints()) + " checkpoints, " + count(s.stateTransfers())
        + " state transfers, " + count(s.readOnly()) + " read-only completions, "
        + count(s.readOnlyFallbacks()) + " read-only fallbacks, " + count(s.pauses())
        + " pauses (" + count(s.pausedTicks()) + " ticks), " + count(s.catchUpTicks())
        + " catch-up ticks, " + count(t.violations()) + " violations");
    out.println(String.format(Locale.ROOT,
        "    %.1f s wall, %s committed requests/s, %s simulated ticks, %s messages delivered",
        seconds, count(Math.round(s.requests() / Math.max(seconds, 1e-9))), count(s.ticks()),
        count(s.messages())));
    if (wire) {
      out.println("    real wire: frames refused by the receivers' channels " + t.refusedFrames());
    }
  }
}
