package org.pbft.sim.byzantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Quorums;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Request;
import org.pbft.service.KvOperation;

/**
 * The equivocating primary with and without a colluding client. In a replica process it has
 * none (no client's keys: a made-up request would fail its authenticator), so its conflicting
 * PRE-PREPARE carries another request a client sent it; in the simulator it adds its colluding
 * client's request.
 */
class EquivocateInProcessTest {
  private static final ReplicaConfig CONFIG =
      new ReplicaConfig(Quorums.forReplicas(4), 2, 4, 2, 10, 4);
  private static final Request R1 = new Request(1, 1, new KvOperation.Put("a", "1").encode());
  private static final Request R2 = new Request(2, 1, new KvOperation.Put("b", "1").encode());

  private static Strategy equivocate() {
    return Strategies.byName("equivocate").orElseThrow();
  }

  /** The PRE-PREPAREs sent to single backups (the equivocation), as a set. */
  private static Set<PrePrepare> sentSeparately(List<Effect> out) {
    return out.stream()
        .filter(e -> e instanceof Effect.Send s && s.message() instanceof PrePrepare)
        .map(e -> (PrePrepare) ((Effect.Send) e).message())
        .collect(Collectors.toSet());
  }

  private static List<PrePrepare> multicast(List<Effect> out) {
    return out.stream()
        .filter(e -> e instanceof Effect.Broadcast b && b.message() instanceof PrePrepare)
        .map(e -> (PrePrepare) ((Effect.Broadcast) e).message())
        .toList();
  }

  @Test
  void inAProcessTheConflictingBatchIsAnotherRequestAClientSent() {
    ByzantinePeer primary =
        ByzantinePeer.inProcess(0, CONFIG, equivocate(), new SplittableRandom(1));
    List<Effect> first = primary.step(new Input.Receive(Input.CLIENT, R1));
    assertEquals(List.of(PrePrepare.of(0, 1, List.of(R1))), multicast(first),
        "its only request: nothing to equivocate with, the PRE-PREPARE goes to all");
    assertTrue(sentSeparately(first).isEmpty());

    List<Effect> second = primary.step(new Input.Receive(Input.CLIENT, R2));
    assertEquals(Set.of(PrePrepare.of(0, 2, List.of(R2)), PrePrepare.of(0, 2, List.of(R1))),
        sentSeparately(second), "request 2 to some backups, request 1 again to the others");
    assertTrue(multicast(second).isEmpty());
  }

  @Test
  void inTheSimulatorItAddsItsColludingClientsRequest() {
    ByzantinePeer primary = new ByzantinePeer(0, CONFIG, equivocate(), new SplittableRandom(1));
    Set<PrePrepare> sent = sentSeparately(primary.step(new Input.Receive(Input.CLIENT, R1)));
    assertEquals(2, sent.size(), sent.toString());
    assertTrue(sent.contains(PrePrepare.of(0, 1, List.of(R1))));
    assertTrue(sent.stream().anyMatch(pp -> pp.requests().size() == 2
        && pp.requests().get(1).clientId() == Adversary.COLLUDING_CLIENT), sent.toString());
  }
}
