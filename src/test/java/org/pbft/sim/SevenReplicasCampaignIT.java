package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.sim.check.Violation;
import org.pbft.trace.NdjsonTrace;
import org.pbft.trace.TraceInput;
import org.pbft.trace.TraceParams;
import org.pbft.trace.TraceRecord;
import org.pbft.trace.TraceSink;
import org.pbft.trace.TraceValidator;
import org.pbft.trace.Validation;
import org.pbft.tlc.TlcRunSettings;

/**
 * The n = 7 campaign (f = 2, two Byzantine replicas), with the slow-replica fault in the fault
 * phase: every strategy in turn, and more seeds of the colluding plan, Twins and the small-scope
 * mutations, zero violations (the correct replicas' convergence included); the first seed of
 * each of these three is traced and TLC replays it
 * against the spec with N = 7, F = 2 and the two silent replicas as the faulty ones. The same
 * colluding campaign against replicas that size their certificates as simple majorities fails on
 * agreement (no n = 4 campaign can see that bug: there the majority is 2f + 1), and TLC rejects
 * that run's trace too.
 */
class SevenReplicasCampaignIT {
  private static final Path ROOT =
      Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")));
  private static final SimParams SEVEN = SimParams.defaults(7).withPauses();

  @TempDir
  Path tmp;

  private Path campaign(String strategy, long seeds) {
    Path traced = tmp.resolve(strategy);
    List<RunResult> failed = new ArrayList<>();
    Campaign.Totals t = new Campaign(SEVEN, strategy).run(1, seeds,
        seed -> seed == 1 ? new NdjsonTrace(traced) : TraceSink.NONE, failed::add);
    assertEquals(List.of(), failed.stream()
        .map(r -> "seed " + r.seed() + ": " + r.violations()).toList(), strategy);
    assertEquals(seeds * 3 * 30, t.stats().requests(), strategy + ": every request answered");
    return traced;
  }

  private static Validation validate(Path dir) throws Exception {
    List<TraceRecord> events = TraceInput.of(List.of(dir)).get(0).read();
    TraceParams params = TraceParams.of(SEVEN.replicaConfig(),
        TraceParams.silentReplicas(7, events));
    assertEquals(2, params.byz().size(), "two faulty replicas, untraced: " + params.byz());
    return new TraceValidator(ROOT, TlcRunSettings.defaults().withWorkers(1), null)
        .validate(events, params);
  }

  @Test
  void colludingTwinsAndMutatingReplicasBreakNothingAndTheirTracesConform() throws Exception {
    List<Path> sample = List.of(campaign("collude", 25), campaign("twins", 25),
        campaign("mutate", 10));
    for (Path dir : sample) {
      Validation v = validate(dir);
      assertEquals(Validation.Verdict.CONFORMS, v.verdict(), () -> dir + ": " + v);
    }
  }

  @Test
  void everyStrategyWithASlowReplicaKeepsTheGroupWhole() {
    long seeds = 4L * Strategies.allNames().size();
    List<RunResult> failed = new ArrayList<>();
    Campaign.Totals t = new Campaign(SEVEN, Strategies.EVERY).run(1, seeds,
        seed -> TraceSink.NONE, failed::add);
    assertEquals(List.of(), failed.stream()
        .map(r -> "seed " + r.seed() + " " + r.strategy() + ": " + r.violations()).toList());
    assertTrue(t.stats().pauses() > 0, t.stats().toString());
  }

  @Test
  void theColludingCampaignCatchesMajorityQuorums() throws Exception {
    Campaign broken = new Campaign(SEVEN, "collude", Simulation.Wire.DIRECT,
        Mutants.majorityQuorums());
    RunResult failing = null;
    for (long seed = 1; seed <= 25 && failing == null; seed++) {
      RunResult r = broken.runSeed(seed, TraceSink.NONE);
      failing = r.passed() ? null : r;
    }
    assertTrue(failing != null, "no seed of 1..25 caught replicas with majority quorums");
    Violation first = failing.violations().get(0);
    assertTrue(first.toString().startsWith("AgreementInv"), first::toString);

    Path dir = tmp.resolve("majority");
    try (NdjsonTrace trace = new NdjsonTrace(dir)) {
      broken.runSeed(failing.seed(), trace);
    }
    Validation v = validate(dir);
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
  }
}
