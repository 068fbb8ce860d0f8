package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.NewView;
import org.pbft.core.message.Request;
import org.pbft.service.KvResult;

/** Whole runs through view changes; the spec's invariants are checked after every step. */
class ViewChangeScenarioTest {

  private static void clientSendsToAll(Cluster c, Request r) {
    for (int id = 0; id < 4; id++) {
      if (c.replica(id) != null) {
        c.submit(id, r);
      }
    }
  }

  /** Delivers everything except what {@code lost} matches, which the network loses. */
  private static void deliverLosing(Cluster c, Predicate<Cluster.Envelope> lost) {
    while (!c.inFlight().isEmpty()) {
      c.deliverMatching(lost.negate());
      c.drop(lost);
    }
  }

  private static boolean touches(Cluster.Envelope e, int replica) {
    return e.from() == replica || e.to() == replica;
  }

  @Test
  void silentPrimaryIsReplacedAndTheRequestCompletes() {
    Cluster c = Cluster.withByzantine(0);
    clientSendsToAll(c, req(1, 1));
    c.timeOutTogether(10, 1, 2, 3);
    c.deliverAll();
    for (int id = 1; id <= 3; id++) {
      assertEquals(1, c.replica(id).view());
      assertEquals(1, c.replica(id).lastExecuted());
    }
    List<KvResult> results = c.replies().stream().map(r -> KvResult.decode(r.result())).toList();
    assertEquals(3, results.size());
    assertEquals(1, results.stream().distinct().count());
  }

  @Test
  void aViewChangeAfterCheckpointsStartsFromTheStableCheckpoint() {
    Cluster c = Cluster.correct();
    for (int client = 1; client <= 3; client++) {
      c.submit(0, req(client, 1));
    }
    c.deliverAll();
    assertEquals(2, c.replica(1).lowWatermark());
    // primary 0 falls silent; request 4 needs a new view
    clientSendsToAll(c, req(4, 1));
    c.timeOutTogether(10, 1, 2, 3);
    deliverLosing(c, e -> touches(e, 0));
    NewView nv = sent(c.effectsOf(1), NewView.class).get(0);
    assertTrue(nv.viewChanges().stream().allMatch(vc -> vc.stableSeq() == 2));
    assertEquals(List.of(pp(1, 3, req(3, 1))), nv.prePrepares(), "n = 3 was prepared in view 0");
    for (int id = 1; id <= 3; id++) {
      assertEquals(4, c.replica(id).lastExecuted());
      assertEquals(4, c.replica(id).lowWatermark());
      assertEquals(List.of(4L), executed(c.effectsOf(id)).stream()
          .filter(x -> x.view() == 1).map(x -> x.seq()).toList(), "n = 3 runs once, in view 0");
    }
  }

  @Test
  void aReplicaThatMissedTheOldViewFetchesTheStateItsNewViewCertifies() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    deliverLosing(c, e -> e.to() == 3);
    assertEquals(2, c.replica(1).lowWatermark());
    assertEquals(0, c.replica(3).lastExecuted());
    // primary 0 falls silent; replicas 1..3 change view; 3's VIEW-CHANGE is from checkpoint 0
    for (int id = 1; id <= 3; id++) {
      c.submit(id, req(3, 1));
    }
    c.timeOutTogether(10, 1, 2, 3);
    deliverLosing(c, e -> touches(e, 0));
    Replica r3 = c.replica(3);
    assertEquals(1, r3.view());
    assertTrue(actions(c.effectsOf(3)).contains(SpecAction.ReceiveNewView));
    assertEquals(3, r3.lastExecuted());
    assertEquals(List.of(3L), executed(c.effectsOf(3)).stream().map(x -> x.seq()).toList(),
        "n = 1, 2 came as state, n = 3 was executed");
  }

  @Test
  void theSameRunGivesTheSameEffects() {
    assertEquals(runOnce(), runOnce());
  }

  private static List<Effect> runOnce() {
    Cluster c = Cluster.withByzantine(0);
    clientSendsToAll(c, req(1, 1));
    c.timeOutTogether(10, 1, 2, 3);
    c.deliverAll();
    return c.effectsOf(2);
  }
}
