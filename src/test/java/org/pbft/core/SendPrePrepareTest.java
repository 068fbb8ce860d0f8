package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Request;

/** PBFT.tla!SendPrePrepare. */
class SendPrePrepareTest {

  @Test
  void primaryOrdersRequestsAtConsecutiveSequenceNumbers() {
    Cluster c = Cluster.correct();
    List<Effect> first = c.submit(0, req(1, 1));
    List<Effect> second = c.submit(0, req(2, 1));

    PrePrepare pp1 = sent(first, PrePrepare.class).get(0);
    PrePrepare pp2 = sent(second, PrePrepare.class).get(0);
    assertEquals(List.of(0L, 1L), List.of(pp1.view(), pp1.seq()));
    assertEquals(List.of(req(1, 1)), pp1.requests());
    assertEquals(2, pp2.seq());
    assertTrue(pp1.digestMatches());
    assertEquals(List.of(SpecAction.SendPrePrepare), actions(first));
  }

  @Test
  void backupRelaysRequestToPrimaryInsteadOfOrderingIt() {
    Cluster c = Cluster.correct();
    List<Effect> out = c.submit(2, req(1, 1));
    assertEquals(List.of(new Effect.Send(0, req(1, 1))), out);
  }

  @Test
  void primaryIgnoresRequestAlreadyWaiting() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    assertEquals(List.of(IgnoreReason.DUPLICATE), ignored(c.submit(0, req(1, 1))));
  }

  @Test
  void olderRequestIsStaleAndLastOneGetsItsCachedReply() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 2));
    c.deliverAll();

    assertEquals(List.of(IgnoreReason.STALE), ignored(c.submit(0, req(1, 1))));
    List<Effect> again = c.submit(0, req(1, 2));
    assertTrue(again.stream().anyMatch(e -> e instanceof Effect.SendReply r
        && r.reply().timestamp() == 2));
    assertTrue(sent(again, PrePrepare.class).isEmpty(), "an executed request is not ordered again");
  }

  @Test
  void primaryStopsAtHighWatermarkThenBatchesWaitingRequests() {
    Cluster c = Cluster.correct(); // L = 4, batches of at most 2
    List<PrePrepare> sent = new java.util.ArrayList<>();
    for (int client = 1; client <= 7; client++) {
      sent.addAll(sent(c.submit(0, req(client, 1)), PrePrepare.class));
    }
    assertEquals(List.of(1L, 2L, 3L, 4L), sent.stream().map(PrePrepare::seq).toList(),
        "nothing above h + L = 4");

    c.deliverAll(); // execution, checkpoints at 2 and 4 become stable, the window moves
    List<PrePrepare> later = sent(c.effectsOf(0), PrePrepare.class).subList(4, 6);
    assertEquals(List.of(5L, 6L), later.stream().map(PrePrepare::seq).toList());
    assertEquals(List.of(req(5, 1), req(6, 1)), later.get(0).requests());
    assertEquals(List.of(req(7, 1)), later.get(1).requests());
    for (int id = 0; id < 4; id++) {
      assertEquals(6, c.replica(id).lastExecuted());
    }
    assertEquals(7, c.replies().stream().map(r -> r.clientId()).distinct().count());
  }

  @Test
  void everyRequestOfABatchGetsItsReply() {
    Cluster c = Cluster.correct();
    for (int client = 1; client <= 6; client++) {
      c.submit(0, req(client, 1));
    }
    c.deliverAll();
    for (Request r : List.of(req(5, 1), req(6, 1))) {
      assertEquals(4, c.replies().stream()
          .filter(x -> x.clientId() == r.clientId() && x.timestamp() == r.timestamp()).count());
    }
  }
}
