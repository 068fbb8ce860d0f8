package org.pbft.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.Reply;
import org.pbft.core.message.RequestKey;

/**
 * The safety invariants of spec/PBFT.tla, under their names, over what correct replicas did (their
 * effects). Byzantine replicas are counted as the spec counts them: as having sent every vote.
 */
final class SpecInvariants {
  private final ReplicaConfig config;
  private final int byzantine;
  /** Correct replica -> sequence number -> digest executed there. */
  private final Map<Integer, TreeMap<Long, Digest>> executed = new HashMap<>();
  /** Sequence number -> digest -> correct replicas whose CHECKPOINT says so. */
  private final Map<Long, Map<Digest, Set<Integer>>> checkpoints = new HashMap<>();
  /** (view, seq) -> digest -> correct replicas that sent COMMIT. */
  private final Map<List<Long>, Map<Digest, Set<Integer>>> commits = new HashMap<>();
  /** (view, seq) -> digests some correct replica accepted (PRE-PREPARE sent or PREPARE sent). */
  private final Map<List<Long>, Set<Digest>> accepted = new HashMap<>();
  /** Request -> result -> correct replicas that replied it. */
  private final Map<RequestKey, Map<String, Set<Integer>>> replies = new HashMap<>();

  SpecInvariants(ReplicaConfig config, int byzantine) {
    this.config = config;
    this.byzantine = byzantine;
  }

  void observeExecute(int replica, Effect.Execute x) {
    executed.computeIfAbsent(replica, r -> new TreeMap<>()).put(x.seq(), x.digest());
  }

  /** Only replies to ordered requests: read-only replies reflect each replica's own state. */
  void observeReply(Reply r) {
    if (r.readOnly()) {
      return;
    }
    replies.computeIfAbsent(new RequestKey(r.clientId(), r.timestamp()), k -> new HashMap<>())
        .computeIfAbsent(java.util.HexFormat.of().formatHex(r.result()), x -> new HashSet<>())
        .add(r.replica());
  }

  void observeSent(int replica, Message m) {
    if (m instanceof Checkpoint c) {
      checkpoints.computeIfAbsent(c.seq(), n -> new HashMap<>())
          .computeIfAbsent(c.stateDigest(), d -> new HashSet<>()).add(replica);
    } else if (m instanceof Commit c) {
      commits.computeIfAbsent(List.of(c.view(), c.seq()), k -> new HashMap<>())
          .computeIfAbsent(c.digest(), d -> new HashSet<>()).add(replica);
    } else if (m instanceof Prepare p) {
      accept(p.view(), p.seq(), p.digest());
    } else if (m instanceof PrePrepare pp) {
      accept(pp.view(), pp.seq(), pp.digest());
    } else if (m instanceof NewView nv) {
      nv.prePrepares().forEach(pp -> accept(pp.view(), pp.seq(), pp.digest()));
    }
  }

  private void accept(long v, long n, Digest d) {
    accepted.computeIfAbsent(List.of(v, n), k -> new HashSet<>()).add(d);
  }

  /** Throws an AssertionError naming the first invariant that does not hold. */
  void check() {
    agreementInv();
    checkpointStateInv();
    committedCarriedInv();
    clientAcceptInv();
  }

  /** PBFT.tla!AgreementInv: no two correct replicas execute different batches at one n. */
  void agreementInv() {
    Map<Long, Digest> first = new HashMap<>();
    for (var e : executed.entrySet()) {
      for (var x : e.getValue().entrySet()) {
        Digest other = first.putIfAbsent(x.getKey(), x.getValue());
        if (other != null && !other.equals(x.getValue())) {
          throw new AssertionError("AgreementInv violated at n = " + x.getKey() + ": replica "
              + e.getKey() + " executed " + x.getValue() + ", another executed " + other);
        }
      }
    }
  }

  /**
   * PBFT.tla!CheckpointStateInv: a checkpoint's state is the replica's history, so correct
   * replicas' checkpoints at the same n carry the same state digest.
   */
  void checkpointStateInv() {
    for (var e : checkpoints.entrySet()) {
      if (e.getValue().size() > 1) {
        throw new AssertionError("CheckpointStateInv violated at n = " + e.getKey()
            + ": correct replicas checkpointed different states " + e.getValue());
      }
    }
  }

  /**
   * PBFT.tla!CommittedCarriedInv: a request with a commit quorum at (v, n) is the only one a
   * correct replica accepts at n in any later view.
   */
  void committedCarriedInv() {
    int quorum = config.quorums().commits();
    for (var e : commits.entrySet()) {
      long v = e.getKey().get(0);
      long n = e.getKey().get(1);
      for (var d : e.getValue().entrySet()) {
        if (d.getValue().size() + byzantine < quorum) {
          continue;
        }
        for (var a : accepted.entrySet()) {
          if (a.getKey().get(1) == n && a.getKey().get(0) > v
              && !a.getValue().equals(Set.of(d.getKey()))) {
            throw new AssertionError("CommittedCarriedInv violated: " + d.getKey()
                + " committed at (v=" + v + ", n=" + n + ") but view " + a.getKey().get(0)
                + " accepted " + a.getValue());
          }
        }
      }
    }
  }

  /** PBFT.tla!ClientAcceptInv: f+1 matching replies (faulty ones joining any) name one result. */
  void clientAcceptInv() {
    int weak = config.quorums().reply();
    for (var e : replies.entrySet()) {
      long acceptable = e.getValue().values().stream()
          .filter(s -> s.size() + byzantine >= weak)
          .count();
      if (acceptable > 1) {
        throw new AssertionError("ClientAcceptInv violated for " + e.getKey()
            + ": clients could accept " + acceptable + " different results");
      }
    }
  }
}
