package org.pbft.sim.byzantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pbft.core.Effect;
import org.pbft.core.IgnoreReason;
import org.pbft.core.Input;
import org.pbft.core.Quorums;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Request;
import org.pbft.core.message.ViewChange;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;

/** What each strategy sends, one scripted peer at a time, against a correct replica's output. */
class StrategiesTest {
  private static final ReplicaConfig CONFIG =
      new ReplicaConfig(Quorums.forReplicas(4), 4, 8, 4, 10, 4);

  private static ByzantinePeer peer(String strategy, int id) {
    return new ByzantinePeer(id, CONFIG, Strategies.byName(strategy).orElseThrow(),
        new SplittableRandom(7));
  }

  private static Request request(long client, long t) {
    return new Request(client, t, new KvOperation.Put("k", "v" + t).encode());
  }

  private static Input fromClient(Request r) {
    return new Input.Receive(Input.CLIENT, r);
  }

  /** Messages in {@code effects} of {@code type}, with their destination (-1: everyone). */
  private record Out<T>(int to, T message) {}

  private static <T extends Message> List<Out<T>> sent(List<Effect> effects, Class<T> type) {
    List<Out<T>> out = new ArrayList<>();
    for (Effect e : effects) {
      if (e instanceof Effect.Send s && type.isInstance(s.message())) {
        out.add(new Out<>(s.to(), type.cast(s.message())));
      } else if (e instanceof Effect.Broadcast b && type.isInstance(b.message())) {
        out.add(new Out<>(-1, type.cast(b.message())));
      }
    }
    return out;
  }

  @Test
  void equivocatingPrimarySendsDifferentPrePreparesForOneSlot() {
    ByzantinePeer p = peer("equivocate", 0);
    List<Out<PrePrepare>> pps = sent(p.step(fromClient(request(1, 1))), PrePrepare.class);
    assertTrue(pps.size() == 3 || pps.size() == 4, pps.toString());
    assertEquals(Set.of(1, 2, 3), Set.copyOf(pps.stream().map(Out::to).toList()));
    assertEquals(1, pps.stream().map(o -> o.message().seq()).distinct().count());
    assertEquals(2, pps.stream().map(o -> o.message().digest()).distinct().count());
    assertTrue(pps.stream().allMatch(o -> o.message().digestMatches()));
  }

  @Test
  void silentPrimarySendsNothing() {
    ByzantinePeer p = peer("silent", 0);
    assertEquals(List.of(), p.step(fromClient(request(1, 1))));
    assertEquals(List.of(), p.step(new Input.Tick()));
  }

  @Test
  void skippingPrimaryLeavesGapsOrReorders() {
    ByzantinePeer p = peer("skip-reorder", 0);
    List<PrePrepare> pps = new ArrayList<>();
    for (int t = 1; t <= 6; t++) {
      pps.addAll(sent(p.step(fromClient(request(t, 1))), PrePrepare.class).stream()
          .map(Out::message).toList());
      for (int i = 0; i < 6; i++) {
        pps.addAll(sent(p.step(new Input.Tick()), PrePrepare.class).stream()
            .map(Out::message).toList());
      }
    }
    List<Long> seqs = pps.stream().map(PrePrepare::seq).toList();
    List<Long> clients = pps.stream().map(pp -> pp.requests().get(0).clientId()).toList();
    boolean gap = seqs.stream().mapToLong(Long::longValue).max().orElse(0) > pps.size();
    boolean reordered = !clients.equals(clients.stream().sorted().toList())
        || !seqs.equals(seqs.stream().sorted().toList());
    assertTrue(gap || reordered, "seqs " + seqs + ", clients " + clients);
  }

  @Test
  void wrongDigestPrePreparesDoNotMatchTheirBatch() {
    ByzantinePeer p = peer("wrong-digest", 0);
    List<Out<PrePrepare>> pps = sent(p.step(fromClient(request(1, 1))), PrePrepare.class);
    assertFalse(pps.isEmpty());
    assertTrue(pps.stream().noneMatch(o -> o.message().digestMatches()));
    Replica backup = new Replica(1, CONFIG, new KeyValueStore());
    List<Effect> effects = backup.step(new Input.Receive(0, pps.get(0).message()));
    assertTrue(effects.stream().anyMatch(e -> e instanceof Effect.Ignore i
        && i.reason() == IgnoreReason.BAD_DIGEST));
  }

  @Test
  void replayResendsOldMessages() {
    ByzantinePeer p = peer("replay", 1);
    Replica honest = new Replica(1, CONFIG, new KeyValueStore());
    int extra = 0;
    for (int t = 1; t <= 30; t++) {
      Input in = fromClient(request(t, 1));
      extra += p.step(in).size() - honest.step(in).size();
    }
    assertTrue(extra > 0, "the replaying replica sent nothing beyond a correct one");
  }

  /** Replica {@code id} prepares request 1 in view 0, then leaves it with the others. */
  private static List<Effect> prepareThenTimeOut(int id, java.util.function.Function<Input,
      List<Effect>> replica) {
    Request r = request(1, 1);
    PrePrepare pp = PrePrepare.of(0, 1, List.of(r));
    replica.apply(fromClient(r));
    replica.apply(new Input.Receive(0, pp));
    replica.apply(new Input.Receive(2, new Prepare(0, 1, pp.digest(), 2)));
    replica.apply(new Input.Receive(3, new Prepare(0, 1, pp.digest(), 3)));
    List<Effect> all = new ArrayList<>();
    for (int i = 0; i < CONFIG.viewChangeTimeout(); i++) {
      all.addAll(replica.apply(new Input.Tick()));
    }
    for (int q : new int[] {(id + 1) % 4, (id + 2) % 4}) { // f+1 others vote to leave view 0
      all.addAll(replica.apply(new Input.Receive(q,
          new org.pbft.core.message.StatusReport(0, true, 0, 0, true, q))));
    }
    return all;
  }

  @Test
  void hidingViewChangeLeavesOutWhatItPrepared() {
    Replica honest = new Replica(1, CONFIG, new KeyValueStore());
    List<Out<ViewChange>> correct = sent(prepareThenTimeOut(1, honest::step), ViewChange.class);
    assertEquals(1, correct.get(0).message().preparedCertificates().size());
    ByzantinePeer p = peer("hide-prepared", 1);
    List<Out<ViewChange>> hidden = sent(prepareThenTimeOut(1, p::step), ViewChange.class);
    assertEquals(1, hidden.size());
    assertEquals(List.of(), hidden.get(0).message().preparedCertificates());
    assertEquals(1, hidden.get(0).message().newView());
  }

  @Test
  void forgedNewViewIsRejectedByACorrectBackup() {
    Replica r2 = new Replica(2, CONFIG, new KeyValueStore());
    Replica r3 = new Replica(3, CONFIG, new KeyValueStore());
    List<ViewChange> vcs = new ArrayList<>();
    for (Replica r : List.of(r2, r3)) {
      vcs.addAll(sent(prepareThenTimeOut(r.id(), r::step), ViewChange.class).stream()
          .map(Out::message).toList());
    }
    assertEquals(2, vcs.size());
    ByzantinePeer p = peer("forge-new-view", 1);
    Replica honest = new Replica(1, CONFIG, new KeyValueStore());
    List<NewView> forged = new ArrayList<>();
    List<NewView> genuine = new ArrayList<>();
    for (ViewChange vc : vcs) {
      Input in = new Input.Receive(vc.replica(), vc);
      forged.addAll(sent(p.step(in), NewView.class).stream().map(Out::message).toList());
      genuine.addAll(sent(honest.step(in), NewView.class).stream().map(Out::message).toList());
    }
    assertEquals(1, forged.size());
    assertEquals(1, genuine.size());
    assertNotEquals(genuine.get(0).prePrepares(), forged.get(0).prePrepares());
    assertEquals(genuine.get(0).viewChanges().size(), forged.get(0).viewChanges().size());
    List<Effect> effects = r2.step(new Input.Receive(1, forged.get(0)));
    assertTrue(effects.stream().anyMatch(e -> e instanceof Effect.Ignore i
        && i.reason() == IgnoreReason.INVALID_NEW_VIEW), effects.toString());
    assertEquals(0, r2.view() == 1 && r2.status() == Replica.Status.NORMAL ? 1 : 0);
  }

  @Test
  void randomSendsWellFormedMessagesOfManyTypesUnderItsOwnName() {
    ByzantinePeer p = peer("random", 2);
    Set<Class<?>> types = new HashSet<>();
    for (int t = 1; t <= 200; t++) {
      for (Effect e : p.step(t % 2 == 0 ? fromClient(request(t, 1)) : new Input.Tick())) {
        if (e instanceof Effect.Send s) {
          types.add(s.message().getClass());
        } else if (e instanceof Effect.Broadcast b) {
          types.add(b.message().getClass());
        } else if (e instanceof Effect.SendReply r) {
          assertEquals(2, r.reply().replica());
          types.add(r.reply().getClass());
        }
      }
    }
    assertTrue(types.size() >= 7, types.toString());
  }

  @Test
  void namesSelectStrategiesAndUnknownNamesAreRefused() {
    assertEquals(8, Strategies.names().size());
    for (String name : Strategies.names()) {
      assertEquals(name, Strategies.byName(name).orElseThrow().name());
    }
    assertTrue(Strategies.forSeed("none", 3).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> Strategies.forSeed("nope", 1));
  }

  @Test
  void everyRotatesThroughTheByNameStrategiesToo() {
    List<String> names = new ArrayList<>();
    for (long seed = 0; seed < Strategies.allNames().size(); seed++) {
      names.add(Strategies.forSeed(Strategies.EVERY, seed).orElseThrow().name());
    }
    assertEquals(Strategies.allNames(), names);
    assertTrue(names.containsAll(List.of("twins", "collude", "mutate")), names.toString());
  }
}
