package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbft.core.IgnoreReason;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.trace.TraceSink;

/**
 * Each Byzantine strategy against three correct replicas, over faulty then healed networks: no
 * violation of the spec invariants, agreement or linearizability, and every request answered
 * within the bound after healing.
 */
class StrategySimulationTest {
  private static final int SEEDS = 6;

  static List<String> strategies() {
    return Strategies.names();
  }

  private static List<RunResult> run(String strategy) {
    return run(strategy, SimParams.defaults());
  }

  private static List<RunResult> run(String strategy, SimParams params) {
    List<RunResult> results = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      results.add(new Simulation(seed, params,
          Strategies.byName(strategy).orElseThrow()).run());
    }
    return results;
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void safetyHoldsAndEveryRequestCompletesAfterHealing(String strategy) {
    SimParams params = SimParams.defaults();
    for (RunResult r : run(strategy)) {
      assertTrue(r.passed(), "seed " + r.seed() + " (" + strategy + "): " + r.violations());
      assertEquals(strategy, r.strategy());
      assertEquals((long) params.clients() * params.opsPerClient(), r.stats().requests());
      assertTrue(r.byzantineReplica() >= 0);
    }
  }

  /** The strategies whose attempts correct replicas must see and refuse, by the reason. */
  @ParameterizedTest
  @ValueSource(strings = {"wrong-digest:BAD_DIGEST", "replay:WRONG_SENDER", "random:NOT_PRIMARY", "random:INVALID_CERTIFICATE"})
  void correctReplicasRefuseWhatTheStrategySends(String strategyAndReason) {
    String[] parts = strategyAndReason.split(":");
    IgnoreReason reason = IgnoreReason.valueOf(parts[1]);
    long refused = run(parts[0]).stream().mapToLong(r -> r.ignored(reason)).sum();
    assertTrue(refused > 0, parts[0] + " never made a correct replica ignore " + reason);
  }

  /**
   * A replier that withholds every result (digest replies) costs each client that names it one
   * timeout, after which the client names another replica: over a network without faults, the
   * timeouts of a run are at most two per client (a read-only request that times out falls back
   * to an ordered one, which names the same replier), where a client that kept naming the
   * withholder would pay one for every operation with a long result. Some client must pay one:
   * otherwise the withholding never showed.
   */
  @Test
  void aReplierThatWithholdsResultsCostsItsClientsOneTimeoutEach() {
    SimParams params = SimParams.defaults().withFaults(0, new NetworkConditions(1, 5, 0, 0, 0, 0));
    for (RunResult r : run("withhold-result", params)) {
      assertTrue(r.passed(), "seed " + r.seed() + ": " + r.violations());
      assertEquals((long) params.clients() * params.opsPerClient(), r.stats().requests());
      assertEquals(1, r.byzantineReplica());
      long timeouts = r.stats().retransmissions() + r.stats().readOnlyFallbacks();
      assertTrue(timeouts > 0, "seed " + r.seed() + ": no client waited for the withholder");
      assertTrue(timeouts <= 2L * params.clients(),
          "seed " + r.seed() + ": " + timeouts + " timeouts for " + params.clients() + " clients");
      assertEquals(0, r.stats().viewChanges(), "seed " + r.seed());
    }
  }

  /** The silent primary of view 0 is voted out whatever the network does. */
  @ParameterizedTest
  @ValueSource(strings = {"silent"})
  void aFaultyPrimaryIsVotedOut(String strategy) {
    assertTrue(run(strategy).stream().allMatch(r -> r.stats().viewChanges() > 0));
  }

  /**
   * The forger is the primary of view 1, which a run reaches only if the network cuts the primary
   * of view 0 off for longer than the view-change timeout: lost messages alone are sent again
   * without a view change. Long partitions get some runs there, and the forged NEW-VIEWs are
   * refused.
   */
  @Test
  void aForgedNewViewIsRefused() {
    SimParams params = SimParams.defaults().withFaults(400,
        new NetworkConditions(1, 5, 0.05, 0.02, 0.05, 150));
    List<RunResult> runs = run("forge-new-view", params);
    for (RunResult r : runs) {
      assertTrue(r.passed(), "seed " + r.seed() + ": " + r.violations());
    }
    assertTrue(runs.stream().filter(r -> r.stats().viewChanges() > 0).count() >= 2,
        "the partitions made view changes in at least two runs");
    assertTrue(runs.stream().mapToLong(r -> r.ignored(IgnoreReason.INVALID_NEW_VIEW)).sum() > 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none"})
  void withoutAByzantineReplicaTheRunsPassToo(String selection) {
    Campaign.Totals t = new Campaign(SimParams.defaults(), selection)
        .run(1, SEEDS, s -> TraceSink.NONE, r -> {});
    assertEquals(0, t.failed());
  }
}
