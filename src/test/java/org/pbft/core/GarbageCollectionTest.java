package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.NewView;
import org.pbft.core.message.StateSnapshot;
import org.pbft.core.message.ViewChange;
import org.pbft.service.KeyValueStore;

/**
 * What a replica forgets, and when: VIEW-CHANGEs of views it has left or entered, the states of
 * checkpoints below its stable one, and client entries a fetched state does not hold. Each is
 * invisible to a correct run (nothing reads them again), so only their sizes show the difference.
 */
class GarbageCollectionTest {

  @Test
  void viewChangesOfLowerViewsAreForgottenOnMovingOn() {
    Replica r = new Replica(3, Cluster.smallConfig(), new KeyValueStore());
    r.step(new Input.Receive(1, vc(1, 1)));
    assertEquals(1, r.heldViewChanges());
    r.step(new Input.Receive(1, vc(2, 1)));
    r.step(new Input.Receive(2, vc(2, 2)));
    assertEquals(2, r.view(), "joined view 2, the smallest both ask for at least");
    assertEquals(3, r.heldViewChanges(), "view 2's from 1, 2 and itself; view 1's is gone");

    List<ViewChange> v = List.of(vc(2, 2), vc(2, 1), vc(2, 3));
    r.step(new Input.Receive(2, new NewView(2, v, List.of())));
    assertEquals(Replica.Status.NORMAL, r.status());
    assertEquals(0, r.heldViewChanges(), "the view is entered: its VIEW-CHANGEs are done");
  }

  @Test
  void statesBelowTheStableCheckpointAreNotServed() {
    Cluster c = Cluster.correct();
    for (long client = 1; client <= 4; client++) {
      c.submit(0, req(client, 1));
      c.deliverAll();
    }
    Replica r = c.replica(1);
    assertTrue(r.lowWatermark() >= 2, "checkpoint 2 is stable");
    long stable = r.lowWatermark();
    assertEquals(0, r.heldCheckpoints(), "the CHECKPOINTs at or below the stable one are gone");
    List<Effect> below = c.inject(2, 1, new FetchState(stable - 2, 2));
    assertEquals(List.of(IgnoreReason.NO_STATE), ignored(below), "the state of " + (stable - 2));
    List<Effect> atStable = c.inject(2, 1, new FetchState(stable, 2));
    assertEquals(1, sent(atStable, StateSnapshot.class).size(), "the stable state is served");
  }

  @Test
  void aFetchedClientTableReplacesTheOldOne() throws Exception {
    ClientTable fetched = new ClientTable();
    fetched.record(2, 5, new byte[] {2});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    fetched.write(new DataOutputStream(bytes));

    ClientTable table = new ClientTable();
    table.record(1, 9, new byte[] {1});
    table.readReplacing(new DataInputStream(
        new ByteArrayInputStream(bytes.toByteArray())));
    assertTrue(table.last(1).isEmpty(), "client 1 is not in the fetched state");
    assertEquals(5, table.last(2).orElseThrow().timestamp());
    assertTrue(table.executed(2, 5) && !table.executed(2, 6));
  }
}
