package org.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Quorums;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Request;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;
import org.pbft.sim.byzantine.Strategies;

/**
 * A PRE-PREPARE of the new view that overtakes its NEW-VIEW is handled once the backup enters
 * the view. Without that, seed 7969 (silent primary) changed views for ever after healing: in
 * each view one backup got the PRE-PREPARE first, ignored it, and nothing re-sent it.
 */
class EarlyPrePrepareTest {
  private static final ReplicaConfig CONFIG =
      new ReplicaConfig(Quorums.forReplicas(4), 4, 8, 4, 10, 4);

  private static <T extends Message> List<T> sent(List<Effect> effects, Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Effect e : effects) {
      Message m = e instanceof Effect.Broadcast b ? b.message()
          : e instanceof Effect.Send s ? s.message() : null;
      if (type.isInstance(m)) {
        found.add(type.cast(m));
      }
    }
    return found;
  }

  @Test
  void aPrePrepareBeforeItsNewViewIsHandledOnEnteringTheView() {
    Request r = new Request(1, 1, new KvOperation.Put("k", "v").encode());
    Replica[] replicas = new Replica[4];
    List<ViewChange> vcs = new ArrayList<>();
    for (int i = 1; i < 4; i++) {
      replicas[i] = new Replica(i, CONFIG, new KeyValueStore());
      replicas[i].step(new Input.Receive(Input.CLIENT, r));
      for (int q = 1; q < 4; q++) { // the others vote to leave view 0, as their STATUS says
        if (q != i) {
          vcs.addAll(sent(replicas[i].step(new Input.Receive(q,
              new StatusReport(0, true, 0, 0, true, q))), ViewChange.class));
        }
      }
    }
    List<Effect> primary = new ArrayList<>();
    for (ViewChange vc : vcs) {
      if (vc.replica() != 1) {
        primary.addAll(replicas[1].step(new Input.Receive(vc.replica(), vc)));
      }
    }
    NewView nv = sent(primary, NewView.class).get(0);
    PrePrepare pp = sent(primary, PrePrepare.class).get(0);
    assertEquals(1, pp.view());

    assertEquals(List.of(), sent(replicas[2].step(new Input.Receive(1, pp)), Prepare.class),
        "waiting for NEW-VIEW: not yet");
    List<Prepare> prepares = sent(replicas[2].step(new Input.Receive(1, nv)), Prepare.class);
    assertTrue(prepares.stream().anyMatch(p -> p.seq() == pp.seq() && p.view() == 1
        && p.digest().equals(pp.digest())), prepares.toString());
  }

  @Test
  void theSeedThatFoundItPasses() {
    RunResult r = new Simulation(7969, SimParams.defaults(),
        Strategies.byName("silent").orElseThrow()).run();
    assertTrue(r.passed(), r.violations().toString());
  }
}
