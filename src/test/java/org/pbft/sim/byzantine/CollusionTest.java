package org.pbft.sim.byzantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Quorums;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Request;
import org.pbft.service.KvOperation;

/** The colluding plan at n = 7: the leader splits the correct replicas, the backer follows. */
class CollusionTest {
  private static final ReplicaConfig SEVEN =
      new ReplicaConfig(Quorums.forReplicas(7), 4, 8, 4, 10, 4);

  @Test
  void theBackerVotesForEachVersionTowardThePartThatReceivedIt() {
    List<Strategy> team = Strategies.teamForSeed("collude", 1, 2);
    assertEquals(2, team.size());
    ByzantinePeer leader = new ByzantinePeer(0, SEVEN, team.get(0), new SplittableRandom(3));
    ByzantinePeer backer = new ByzantinePeer(4, SEVEN, team.get(1), new SplittableRandom(4));
    leader.step(new Input.Tick());
    backer.step(new Input.Tick());

    Request r = new Request(1, 1, new KvOperation.Put("k", "v").encode());
    Map<Integer, Digest> versionOf = new HashMap<>();
    Map<Integer, Digest> leaderCommitTo = new HashMap<>();
    for (Effect e : leader.step(new Input.Receive(Input.CLIENT, r))) {
      if (e instanceof Effect.Send s && s.message() instanceof PrePrepare pp) {
        versionOf.put(s.to(), pp.digest());
      } else if (e instanceof Effect.Send s && s.message() instanceof Commit c) {
        leaderCommitTo.put(s.to(), c.digest());
      } else {
        assertTrue(!(e instanceof Effect.Broadcast), "nothing goes to everyone: " + e);
      }
    }
    assertEquals(List.of(1, 2, 3, 4, 5, 6), versionOf.keySet().stream().sorted().toList());
    assertEquals(2, versionOf.values().stream().distinct().count(), "two versions");
    versionOf.remove(4); // the backer got one version to follow; the rest is what correct saw
    assertEquals(versionOf, leaderCommitTo, "the leader commits each version toward its part");

    Map<Integer, Digest> backerPrepareTo = new HashMap<>();
    Map<Integer, Digest> backerCommitTo = new HashMap<>();
    for (Effect e : backer.step(new Input.Tick())) {
      if (e instanceof Effect.Send s && s.message() instanceof Prepare p) {
        backerPrepareTo.put(s.to(), p.digest());
      } else if (e instanceof Effect.Send s && s.message() instanceof Commit c) {
        backerCommitTo.put(s.to(), c.digest());
      }
    }
    assertEquals(versionOf, backerPrepareTo);
    assertEquals(versionOf, backerCommitTo);
    assertNotEquals(1, versionOf.values().stream().distinct().count());
  }
}
