package org.pbft.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.core.Quorums;
import org.pbft.core.SpecAction;
import org.pbft.core.TraceEvent;
import org.pbft.sim.RunResult;
import org.pbft.sim.SimParams;
import org.pbft.sim.Simulation;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.sim.check.Violation;
import org.pbft.tlc.TlcRunSettings;

/**
 * Trace validation can fail: the simulator runs replicas that each carry one protocol bug
 * ({@link ReplicaMutants}) as if they were correct, and TLC rejects their trace at the event
 * where the bug shows: the first trace event a correct replica would not have recorded, not
 * some later consequence of it. Every replica of a run carries the bug, so that it shows
 * wherever the run gives it a chance first. The seeds are ones where it shows within a short
 * run (4 operations per client); {@code ReplicaMutants.Deviations} says where.
 */
class MutantTracesIT {
  private static final Path ROOT =
      Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")));
  private static final Path TRACES = ROOT.resolve("trace-validation").resolve("traces");
  private static final Set<Integer> EVERY_REPLICA = Set.of(0, 1, 2, 3);

  @TempDir
  Path tmp;

  /**
   * The mutant's run: its trace, the events where it deviated (in trace order) and what the
   * simulator's own checkers found (they stop the run at the first violation).
   */
  private record MutantRun(List<TraceRecord> trace, List<TraceEvent> deviations,
      List<String> violations) {}

  private MutantRun run(long seed, String byzantine, ReplicaMutants.Mutation mutation) {
    Path dir = tmp.resolve("seed-" + seed);
    ReplicaMutants.Deviations deviations = new ReplicaMutants.Deviations();
    Simulation.PeerFactory peers = ReplicaMutants.factory(EVERY_REPLICA, deviations, mutation);
    RunResult result;
    try (NdjsonTrace trace = new NdjsonTrace(dir)) {
      result = new Simulation(seed, SimParams.defaults().withOpsPerClient(4),
          Strategies.forSeed(byzantine, seed).orElse(null), peers, trace).run();
    }
    try {
      return new MutantRun(TraceInput.of(List.of(dir)).get(0).read(), deviations.events(),
          result.violations().stream().map(Violation::check).toList());
    } catch (Exception e) {
      throw new AssertionError("cannot read the trace of seed " + seed, e);
    }
  }

  /**
   * Validates the run's trace and asserts that the first event the spec cannot explain is the
   * mutant's first deviation: same action, replica, view, sequence number and digest, at its
   * position in the merged trace. Returns the validation for further checks.
   */
  /**
   * The run of the first seed from 1 on (up to {@code lastSeed}) that is {@code wanted}, with no
   * Byzantine replica; the last one tried if none is: the caller asserts what it wanted.
   */
  private MutantRun firstRun(long lastSeed, Predicate<MutantRun> wanted,
      ReplicaMutants.Mutation mutation) {
    MutantRun run = run(1, Strategies.NONE, mutation);
    for (long seed = 2; seed <= lastSeed && !wanted.test(run); seed++) {
      run = run(seed, Strategies.NONE, mutation);
    }
    return run;
  }

  private static Validation rejectedAtFirstDeviation(MutantRun run, SpecAction action)
      throws Exception {
    assertFalse(run.deviations().isEmpty(), "the bug never showed in this run");
    TraceEvent deviation = run.deviations().get(0);
    assertEquals(action, deviation.action());
    int index = indexOf(run.trace(), deviation);
    Validation v = validate(run.trace());
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
    TraceRecord first = v.firstUnmatched();
    assertNotNull(first, v::toString);
    String expected = deviation.action() + " replica " + deviation.replica() + " view "
        + deviation.view() + " seq " + deviation.seq() + " at event " + index;
    assertEquals(expected, first.action() + " replica " + first.replica() + " view "
        + first.view() + " seq " + first.seq() + " at event " + v.firstUnmatchedIndex(),
        () -> String.join("\n", v.diagnosis()));
    assertEquals(hex(deviation), first.digest());
    if (run.violations().isEmpty()) {
      assertTrue(v.firstUnmatchedIndex() < v.events(),
          "the run went on after the deviation, and so does its trace: " + v.events());
    }
    return v;
  }

  private static Validation validate(List<TraceRecord> trace) throws Exception {
    TraceParams params = new TraceParams(4, 1, 4, 8, TraceParams.silentReplicas(4, trace));
    return new TraceValidator(ROOT, TlcRunSettings.defaults().withWorkers(1), null)
        .validate(trace, params);
  }

  /** The 1-based position of {@code e} in the merged trace. */
  private static int indexOf(List<TraceRecord> trace, TraceEvent e) {
    for (int i = 0; i < trace.size(); i++) {
      TraceRecord r = trace.get(i);
      if (r.action() == e.action() && r.replica() == e.replica() && r.view() == e.view()
          && r.seq() == e.seq() && hex(e).equals(r.digest())) {
        return i + 1;
      }
    }
    throw new AssertionError("the deviation is not in the trace: " + e);
  }

  private static String hex(TraceEvent e) {
    return e.digest() == null ? null : HexFormat.of().formatHex(e.digest().bytes());
  }

  private static String diagnosis(Validation v) {
    return String.join("\n", v.diagnosis());
  }

  /**
   * The spec explains a COMMIT whenever 2f backups have sent PREPARE, received or not: seed 1 is
   * one where the first early COMMIT comes before the second backup's PREPARE was sent.
   */
  @Test
  void aCommitOnePrepareEarlyIsTheFirstUnmatchedEvent() throws Exception {
    MutantRun run = run(1, Strategies.NONE,
        (replica, config, deviations) ->
            new ReplicaMutants.CommitsOnePrepareEarly(replica, deviations, config));
    assertEquals(List.of(), run.violations(), "only trace validation catches it here");
    rejectedAtFirstDeviation(run, SpecAction.SendCommit);
  }

  @Test
  void anExecuteOutOfOrderIsTheFirstUnmatchedEvent() throws Exception {
    MutantRun run = run(1, Strategies.NONE,
        (replica, config, deviations) ->
            new ReplicaMutants.ExecutesOutOfOrder(replica, deviations));
    assertEquals(List.of(), run.violations(), "only trace validation catches it here");
    rejectedAtFirstDeviation(run, SpecAction.Execute);
  }

  /** The equivocating primary sometimes sends both of its PRE-PREPAREs to one backup. */
  @Test
  void acceptingAConflictingPrePrepareIsTheFirstUnmatchedEvent() throws Exception {
    MutantRun run = run(2, "equivocate",
        (replica, config, deviations) ->
            new ReplicaMutants.AcceptsConflictingPrePrepare(replica, deviations));
    assertEquals(List.of(), run.violations(), "only trace validation catches it here");
    rejectedAtFirstDeviation(run, SpecAction.ReceivePrePrepare);
  }

  @Test
  void aNewViewThatDropsAPreparedRequestIsTheFirstUnmatchedEvent() throws Exception {
    // The first seed whose run drops a committed request: most runs have no view change.
    MutantRun run = firstRun(100, r -> r.violations().contains("CommittedCarriedInv"),
        (replica, config, deviations) ->
            new ReplicaMutants.NewPrimaryDropsPrepared(replica, deviations));
    assertTrue(run.violations().contains("CommittedCarriedInv"),
        "the simulator's check stops the run at the same step: " + run.violations());
    Validation v = rejectedAtFirstDeviation(run, SpecAction.SendNewView);
    assertTrue(diagnosis(v).contains("ComputeNewView derives"), () -> diagnosis(v));
  }

  /**
   * The spec explains a stable checkpoint whenever 2f + 1 replicas have sent the CHECKPOINT,
   * received or not: the test takes the first seed whose first mutant declaration comes while
   * fewer than 2f + 1 replicas had executed to it, as the trace itself shows (a replica sends
   * its CHECKPOINT when it executes the checkpoint's sequence number or fetches its state).
   */
  @Test
  void aCheckpointStableOnFPlusOneCheckpointsIsTheFirstUnmatchedEvent() throws Exception {
    MutantRun run = firstRun(50, MutantTracesIT::declaredOnWeakCertificate,
        (replica, config, deviations) ->
            new ReplicaMutants.StableOnWeakCertificate(replica, deviations, config));
    assertTrue(declaredOnWeakCertificate(run),
        "no seed in 1..50 declares a checkpoint stable before 2f + 1 replicas reached it");
    assertEquals(List.of(), run.violations(), "only trace validation catches it here");
    rejectedAtFirstDeviation(run, SpecAction.StableCheckpoint);
  }

  /**
   * Whether the run's first deviation declares a checkpoint stable when fewer than 2f + 1
   * replicas (a stable checkpoint's quorum) had executed, or fetched the state, up to its
   * sequence number.
   */
  private static boolean declaredOnWeakCertificate(MutantRun run) {
    if (run.deviations().isEmpty() || !run.violations().isEmpty()) {
      return false;
    }
    TraceEvent deviation = run.deviations().get(0);
    int index = indexOf(run.trace(), deviation);
    Set<Integer> reached = new HashSet<>();
    for (TraceRecord r : run.trace().subList(0, index - 1)) {
      if ((r.action() == SpecAction.Execute || r.action() == SpecAction.StateTransfer)
          && r.seq() >= deviation.seq()) {
        reached.add(r.replica());
      }
    }
    return reached.size() < Quorums.forReplicas(EVERY_REPLICA.size()).stableCheckpoint();
  }

  /**
   * The two mutant traces kept as examples (seed 3 of the checkpoint mutant, and seed 4 of the
   * NEW-VIEW mutant from before replicas sent lost messages again) get the verdict
   * trace-validation/README.md gives.
   */
  @Test
  void theKeptStableOnFPlusOneTraceIsRejectedAtEvent57() throws Exception {
    Validation v = validate(
        TraceInput.of(List.of(TRACES.resolve("mutant-stable-on-f-plus-1"))).get(0).read());
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
    assertEquals(57, v.firstUnmatchedIndex());
    assertEquals(SpecAction.StableCheckpoint, v.firstUnmatched().action());
    assertEquals(2, v.firstUnmatched().replica());
    assertEquals(4, v.firstUnmatched().seq());
    assertTrue(diagnosis(v).contains(
        "<<\"checkpoints above h (n, sender)\", {<<4, 0>>, <<4, 2>>}>>"),
        () -> "only replicas 0 and 2 have sent CHECKPOINT 4: " + diagnosis(v));
  }

  @Test
  void theKeptNewViewDropsPreparedTraceIsRejectedAtEvent79() throws Exception {
    Validation v = validate(TraceInput.of(
        List.of(TRACES.resolve("mutant-new-view-drops-prepared"))).get(0).read());
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
    assertEquals(79, v.firstUnmatchedIndex());
    assertEquals(SpecAction.SendNewView, v.firstUnmatched().action());
    assertEquals(1, v.firstUnmatched().replica());
    assertEquals(1, v.firstUnmatched().view());
    assertTrue(diagnosis(v).contains("ComputeNewView derives"), () -> diagnosis(v));
  }
}
