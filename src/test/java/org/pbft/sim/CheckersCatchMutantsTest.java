package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.sim.byzantine.Strategy;
import org.pbft.sim.check.Violation;
import org.pbft.trace.TraceSink;

/**
 * Every checker of the simulator fails a run with a broken replica that it runs as correct. The
 * broken replicas are test-only peers ({@link Mutants}); the protocol code is unchanged.
 */
class CheckersCatchMutantsTest {

  private static List<Violation> firstFailure(Simulation.PeerFactory peers, String strategy) {
    for (long seed = 1; seed <= 20; seed++) {
      Strategy s = Strategies.forSeed(strategy, seed).orElse(null);
      RunResult r = new Simulation(seed, SimParams.defaults(), s, peers, TraceSink.NONE).run();
      if (!r.passed()) {
        return r.violations();
      }
    }
    return List.of();
  }

  private static List<String> checks(List<Violation> violations) {
    return violations.stream().map(Violation::check).toList();
  }

  @Test
  void agreementAndCheckpointStateInvCatchAReplicaWhoseStateDiverges() {
    List<String> caught = checks(firstFailure(
        Mutants.service(Set.of(3), Mutants.PutAltersValue::new), "none"));
    assertTrue(caught.contains("Agreement"), caught.toString());
    assertTrue(caught.contains("CheckpointStateInv"), caught.toString());
  }

  @Test
  void agreementInvCatchesAReplicaThatExecutesAnotherBatch() {
    List<String> caught = checks(firstFailure(Mutants.executionRewritten(2), "none"));
    assertTrue(caught.contains("AgreementInv"), caught.toString());
    assertTrue(caught.contains("Agreement"), caught.toString());
  }

  @Test
  void clientAcceptInvCatchesACorrectReplicaRepliesDiffering() {
    List<String> caught = checks(firstFailure(
        Mutants.service(Set.of(3), Mutants.PutAltersValue::new), "silent"));
    assertTrue(caught.contains("ClientAcceptInv"), caught.toString());
  }

  @Test
  void linearizabilityCatchesAServiceThatBreaksTheModelEverywhere() {
    List<String> caught = checks(firstFailure(
        Mutants.service(Set.of(0, 1, 2, 3), Mutants.DeleteKeepsValue::new), "none"));
    assertTrue(caught.equals(List.of("Linearizability")), caught.toString());
  }

  @Test
  void livenessCatchesTwoSilentReplicas() {
    List<String> caught = checks(firstFailure(Mutants.silent(Set.of(2, 3)), "none"));
    assertTrue(caught.equals(List.of("Liveness")), caught.toString());
  }

  /**
   * A replica that leaves the group is invisible to the clients (2f+1 others answer them):
   * liveness holds, and only convergence sees that the group is one replica short.
   */
  @Test
  void convergenceCatchesAReplicaThatLeavesTheGroup() {
    List<Violation> caught = firstFailure(Mutants.gullible(3), "none");
    assertTrue(checks(caught).equals(List.of("Convergence")), caught.toString());
    assertTrue(caught.get(0).detail().startsWith("replica [3] out of the group"),
        caught.toString());
  }

  /** Replicas answering each other without end fill the network: the run ends, and says so. */
  @Test
  void trafficCatchesTwoReplicasEchoingEachOther() {
    List<Violation> caught = firstFailure(Mutants.echo(Set.of(2, 3)), "none");
    assertTrue(checks(caught).equals(List.of("Traffic")), caught.toString());
    assertTrue(caught.get(0).detail().contains("2>3") || caught.get(0).detail().contains("3>2"),
        caught.toString());
  }

  @Test
  void aSingleSilentReplicaIsTolerated() {
    Function<Long, RunResult> run = seed -> new Simulation(seed, SimParams.defaults(), null,
        Mutants.silent(Set.of(2)), TraceSink.NONE).run();
    assertFalse(run.apply(1L).violations().stream().findAny().isPresent());
  }
}
