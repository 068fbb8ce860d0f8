package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.IgnoreReason.*;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Message;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;

/**
 * Read-only requests (Castro and Liskov, section 5.1): each replica answers one at once from its
 * current state, outside the protocol, and never orders one.
 */
class ReadOnlyRequestTest {
  private final Cluster c = Cluster.correct();

  /** Client {@code client}'s read-only get of "k1" with timestamp {@code t}. */
  private static Request readOnlyGet(long client, long t) {
    return new Request(client, t, new KvOperation.Get("k1").encode(), true);
  }

  private static List<Reply> replies(List<Effect> effects) {
    return effects.stream()
        .filter(e -> e instanceof Effect.SendReply)
        .map(e -> ((Effect.SendReply) e).reply())
        .toList();
  }

  private static List<Message> messagesSent(List<Effect> effects) {
    return effects.stream()
        .filter(e -> e instanceof Effect.Send || e instanceof Effect.Broadcast)
        .map(e -> e instanceof Effect.Send s ? s.message() : ((Effect.Broadcast) e).message())
        .toList();
  }

  /** Client 1 puts k1 = v1 with an ordered request; every replica executes it. */
  private void putV1() {
    c.submit(0, req(1, 1));
    c.deliverAll();
    for (int i = 0; i < 4; i++) {
      assertEquals(1, c.replica(i).lastExecuted());
    }
  }

  @Test
  void eachReplicaAnswersAReadOnlyGetAtOnceWithoutOrderingIt() {
    putV1();
    for (int i = 0; i < 4; i++) {
      List<Effect> out = c.submit(i, readOnlyGet(2, 1));

      List<Reply> replies = replies(out);
      assertEquals(1, replies.size(), out.toString());
      Reply reply = replies.get(0);
      assertTrue(reply.readOnly());
      assertEquals(List.of(0L, 1L, 2L, (long) i), List.of(reply.view(), reply.timestamp(),
          reply.clientId(), (long) reply.replica()));
      assertArrayEquals(KvResult.ok("v1").encode(), reply.result());
      assertEquals(List.of(), messagesSent(out), "not relayed to the primary, not ordered");
      assertEquals(List.of(), actions(out), "not a spec action: no trace event");
      assertEquals(List.of(), executed(out));
      assertEquals(1, c.replica(i).lastExecuted());
    }
    assertEquals(List.of(), c.inFlight());
  }

  /**
   * A read-only request leaves the client table alone: the same client and timestamp can still
   * be ordered and executed (the client's fallback), and every replica runs it.
   */
  @Test
  void aReadOnlyRequestLeavesTheClientTableAsItWas() {
    putV1();
    for (int i = 0; i < 4; i++) {
      c.submit(i, readOnlyGet(2, 1));
    }
    c.submit(0, readOnlyGet(2, 1).asReadWrite());
    c.deliverAll();
    for (int i = 0; i < 4; i++) {
      assertEquals(2, c.replica(i).lastExecuted());
    }
  }

  @Test
  void aPutMarkedReadOnlyIsIgnoredAndChangesNothing() {
    putV1();
    Request put = new Request(2, 1, new KvOperation.Put("k1", "v2").encode(), true);
    for (int i = 0; i < 4; i++) {
      List<Effect> out = c.submit(i, put);
      assertEquals(List.of(NOT_READ_ONLY), ignored(out));
      assertEquals(List.of(), replies(out));
      assertEquals(List.of(), messagesSent(out));
    }
    List<Reply> after = replies(c.submit(1, readOnlyGet(2, 2)));
    assertArrayEquals(KvResult.ok("v1").encode(), after.get(0).result());
  }

  @Test
  void aReadOnlyRequestDuringAViewChangeIsIgnored() {
    c.submit(1, req(1, 1));
    c.drop(e -> true); // the relayed request never reaches the primary
    c.votesToLeave(1, 2, 3);
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(1).status());

    List<Effect> out = c.submit(1, readOnlyGet(2, 1));

    assertEquals(List.of(VIEW_CHANGE_IN_PROGRESS), ignored(out));
    assertEquals(List.of(), replies(out));
  }

  @Test
  void aReadOnlyRequestWhileFetchingAStateIsIgnored() {
    c.submit(0, req(1, 1));
    c.submit(0, req(2, 1));
    while (!c.inFlight().isEmpty()) {
      c.deliverMatching(e -> e.to() != 3 || e.message() instanceof Checkpoint);
      c.drop(e -> e.to() == 3 && !(e.message() instanceof Checkpoint));
      c.drop(e -> e.to() != 3 && e.from() == 3); // its FETCH-STATE goes unanswered
    }
    assertEquals(2, c.replica(3).lowWatermark());
    assertEquals(0, c.replica(3).lastExecuted(), "replica 3 waits for the state at 2");

    List<Effect> out = c.submit(3, readOnlyGet(3, 1));

    assertEquals(List.of(STATE_TRANSFER_IN_PROGRESS), ignored(out));
    assertEquals(List.of(), replies(out));
  }

  /** Its ordered fallback executed: the client no longer reads this timestamp read-only. */
  @Test
  void aReadOnlyRequestForATimestampAlreadyExecutedIsStale() {
    putV1();
    List<Effect> out = c.submit(2, new Request(1, 1, new KvOperation.Get("k1").encode(), true));
    assertEquals(List.of(STALE), ignored(out));
    assertEquals(List.of(), replies(out));
  }

  /** Only a faulty primary orders a read-only request: backups refuse its PRE-PREPARE. */
  @Test
  void aPrePrepareWithAReadOnlyRequestIsIgnored() {
    Cluster withFaultyPrimary = Cluster.withByzantine(0);
    PrePrepare pp = pp(0, 1, req(1, 1), readOnlyGet(2, 1));
    for (int backup = 1; backup < 4; backup++) {
      List<Effect> out = withFaultyPrimary.inject(0, backup, pp);
      assertEquals(List.of(READ_ONLY_IN_BATCH), ignored(out));
      assertEquals(List.of(), sent(out, Prepare.class));
      assertEquals(List.of(), actions(out));
    }
  }
}
