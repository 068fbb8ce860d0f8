package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.core.Msgs.*;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.Reply;
import org.pbft.core.message.StateSnapshot;
import org.pbft.core.message.StatusReport;
import org.pbft.service.KeyValueStore;

/** Every message type reaches a handler, and ignoring is counted by reason. */
class DispatchTest {

  @Test
  void everyMessageTypeIsHandled() {
    List<Message> one = List.of(req(1, 1), pp(0, 1, req(1, 1)), prepare(pp(0, 1, req(1, 1)), 2),
        commit(pp(0, 1, req(1, 1)), 2), new Checkpoint(2, Digest.of(new byte[0]), 2), vc(1, 2),
        new NewView(1, List.of(), List.of()), new Reply(0, 1, 1, 2, new byte[0]),
        new FetchState(2, 2), new StateSnapshot(2, new byte[0], 2),
        new StatusReport(0, true, 0, 0, 2));
    Set<Class<?>> covered = one.stream().map(Object::getClass).collect(Collectors.toSet());
    assertEquals(Set.of(Message.class.getPermittedSubclasses()), covered);
    Replica r = new Replica(1, Cluster.smallConfig(), new KeyValueStore());
    for (Message m : one) {
      r.step(new Input.Receive(2, m)); // must not throw
    }
  }

  @Test
  void repliesAreNotForReplicasAndIgnoringIsCounted() {
    Replica r = new Replica(1, Cluster.smallConfig(), new KeyValueStore());
    List<Effect> out = r.step(new Input.Receive(2, new Reply(0, 1, 1, 2, new byte[0])));
    assertEquals(List.of(IgnoreReason.NOT_FOR_REPLICAS), ignored(out));
    assertEquals(1, r.ignoredCount(IgnoreReason.NOT_FOR_REPLICAS));
    assertEquals(0, r.ignoredCount(IgnoreReason.DUPLICATE));
  }

  @Test
  void theSameInputsGiveTheSameEffects() {
    List<Effect> first = run();
    assertEquals(first, run());
    assertTrue(first.size() > 10);
  }

  private static List<Effect> run() {
    Cluster c = Cluster.correct();
    for (int client = 1; client <= 5; client++) {
      c.submit(0, req(client, 1));
    }
    c.deliverAll();
    return c.effectsOf(2);
  }
}
