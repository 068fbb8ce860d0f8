package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;

/**
 * What a replica sends again in answer to a STATUS (Castro's thesis, section 5.2): exactly the
 * messages it sent itself that the other may lack, for the slots above what the other executed;
 * in a view change, its VIEW-CHANGE or the NEW-VIEW. And a primary whose PRE-PREPARE every backup
 * lost multicasts it again on its own.
 */
class ResendTest {

  /** The messages of {@code out}, sent or multicast, in order. */
  private static List<Message> messages(List<Effect> out) {
    return out.stream()
        .filter(e -> e instanceof Effect.Send || e instanceof Effect.Broadcast)
        .map(e -> e instanceof Effect.Send s ? s.message() : ((Effect.Broadcast) e).message())
        .toList();
  }

  /** One request ordered at 1 and executed by all four; nothing of it in flight any more. */
  private static Cluster oneRequestExecuted() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    c.deliverAll();
    for (int id = 0; id < 4; id++) {
      assertEquals(1, c.replica(id).lastExecuted());
    }
    return c;
  }

  @Test
  void aBackupSendsItsOwnPrepareAndCommitOfTheSlotsAboveTheOthersStableCheckpoint() {
    Cluster c = oneRequestExecuted();
    PrePrepare at1 = pp(0, 1, req(1, 1));
    List<Message> answer = messages(c.inject(3, 1, new StatusReport(0, true, 0, 0, 3)));
    assertEquals(List.of(prepare(at1, 1), commit(at1, 1), new StatusReport(0, true, 0, 1, 1)),
        answer, "no PRE-PREPARE (a backup), no other replica's votes; its own STATUS, since"
            + " replica 3 executed less");
    c.tick(1);
    assertEquals(List.of(prepare(at1, 1), commit(at1, 1)),
        messages(c.inject(2, 1, new StatusReport(0, true, 0, 1, 2))),
        "replica 2 executed 1, perhaps in an earlier view, and may lack the votes of this one to"
            + " send its own COMMIT here: the votes above its stable checkpoint");
  }

  @Test
  void thePrimarySendsItsPrePrepareAndCommit() {
    Cluster c = oneRequestExecuted();
    PrePrepare at1 = pp(0, 1, req(1, 1));
    List<Message> answer = messages(c.inject(3, 0, new StatusReport(0, true, 0, 0, 3)));
    assertEquals(List.of(at1, commit(at1, 0), new StatusReport(0, true, 0, 1, 0)), answer);
  }

  @Test
  void aReplicaInALaterViewSendsItsViewChangeOrItsNewView() {
    Cluster c = Cluster.afterASilentPrimaryTimedOut();
    c.deliverAll();
    for (int id = 1; id <= 3; id++) {
      assertEquals(1, c.replica(id).view());
      assertEquals(Replica.Status.NORMAL, c.replica(id).status());
    }
    StatusReport inView0 = new StatusReport(0, true, 0, 0, 0);
    List<Message> fromPrimary = messages(c.inject(0, 1, inView0));
    assertEquals(1, fromPrimary.size());
    assertTrue(fromPrimary.get(0) instanceof NewView nv && nv.view() == 1, fromPrimary.toString());
    List<Message> fromBackup = messages(c.inject(0, 2, inView0));
    assertEquals(1, fromBackup.size());
    assertTrue(fromBackup.get(0) instanceof ViewChange vc && vc.newView() == 1
        && vc.replica() == 2, fromBackup.toString());
  }

  @Test
  void twoReplicasWaitingForOneNewViewSendEachOtherTheirViewChanges() {
    Cluster c = Cluster.afterASilentPrimaryTimedOut();
    c.tick(1); // half a STATUS interval after their last exchange: not rate-limited
    c.drop(e -> true); // every VIEW-CHANGE for view 1 lost: 1, 2 and 3 wait in view 1
    assertEquals(Replica.Status.VIEW_CHANGE, c.replica(3).status());
    List<Message> answer = messages(c.inject(1, 3, new StatusReport(1, false, 0, 0, 1)));
    assertEquals(1, answer.size());
    assertTrue(answer.get(0) instanceof ViewChange vc && vc.newView() == 1 && vc.replica() == 3,
        answer.toString());
    c.tick(1);
    assertEquals(List.of(), messages(c.inject(1, 3, new StatusReport(2, false, 0, 0, 1))),
        "replica 1 is further on: 3 has nothing it lacks");
  }

  @Test
  void aPrePrepareLostToEveryBackupIsMulticastAgainByThePrimary() {
    Cluster c = Cluster.correct();
    c.submit(0, req(1, 1));
    assertEquals(3, c.drop(e -> e.message() instanceof PrePrepare));
    c.deliverAll();
    for (int t = 0; t < 5; t++) {
      c.tick(1);
      c.drop(e -> e.message() instanceof StatusReport); // no backup knows of slot 1 to ask
      c.deliverAll();
    }
    for (int id = 0; id < 4; id++) {
      assertEquals(1, c.replica(id).lastExecuted(), "replica " + id);
      assertEquals(0, c.replica(id).view(), "replica " + id);
    }
    assertEquals(List.of(), c.inFlight().stream().filter(e -> e.message() instanceof Commit
        || e.message() instanceof Prepare).toList());
  }
}
