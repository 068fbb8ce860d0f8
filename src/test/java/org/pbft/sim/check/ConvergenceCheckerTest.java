package org.pbft.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pbft.core.Input;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.Request;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;

class ConvergenceCheckerTest {
  private static final ReplicaConfig CONFIG = ReplicaConfig.defaults(4);

  private static Map<Integer, Replica> fresh() {
    Map<Integer, Replica> replicas = new TreeMap<>();
    for (int i = 1; i < 4; i++) {
      replicas.put(i, new Replica(i, CONFIG, new KeyValueStore()));
    }
    return replicas;
  }

  /**
   * A backup that holds a request the primary never orders, and hears the others say they wait
   * too and vote to leave the view (their STATUS): it moves to view 1, and they stay behind.
   */
  private static void timeOut(Replica r) {
    r.step(new Input.Receive(Input.CLIENT,
        new Request(1, 1, new KvOperation.Get("k").encode())));
    for (long t = 0; t <= CONFIG.viewChangeTimeout() && r.view() == 0; t++) {
      for (int q = 0; q < 4; q++) { // its own STATUS is refused
        r.step(new Input.Receive(q, new org.pbft.core.message.StatusReport(0, true, 0, 0, true,
            q)));
      }
      r.step(new Input.Tick());
    }
    assertEquals(1, r.view());
    assertEquals(Replica.Status.VIEW_CHANGE, r.status());
  }

  @Test
  void replicasInOneViewHavingExecutedAlikeHaveConverged() {
    assertEquals(Optional.empty(), ConvergenceChecker.outOfGroup(fresh()));
    assertEquals(Optional.empty(), ConvergenceChecker.outOfGroup(Map.of()));
  }

  @Test
  void aReplicaInAViewOfItsOwnIsOutOfTheGroupAndNamed() {
    Map<Integer, Replica> replicas = fresh();
    timeOut(replicas.get(2));
    String out = ConvergenceChecker.outOfGroup(replicas).orElseThrow();
    assertTrue(out.startsWith("replica [2] out of the group (view 0, normal, executed through 0)"),
        out);
    assertTrue(out.contains("replica 2 view 1 view-change executed 0 h 0 [out]"), out);
    assertTrue(out.contains("replica 1 view 0 normal executed 0 h 0;"), out);
  }

  @Test
  void theViolationWaitsForTheBound() {
    Map<Integer, Replica> replicas = fresh();
    timeOut(replicas.get(3));
    ConvergenceChecker checker = new ConvergenceChecker(100);
    assertEquals(Optional.empty(), checker.check(replicas, 500, 600));
    Violation v = checker.check(replicas, 500, 601).orElseThrow();
    assertEquals("Convergence", v.check());
    assertTrue(v.detail().endsWith("at tick 601, settled at tick 500 (bound 100 ticks)"),
        v.detail());
    assertEquals(Optional.empty(), new ConvergenceChecker(0).check(fresh(), 500, 900));
  }
}
