package org.pbft.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pbft.core.Effect;
import org.pbft.core.ReplicaConfig;
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
 * The safety invariants of spec/PBFT.tla under their names, over what correct replicas do: the
 * batches they execute, the messages they send and the replies they give. Byzantine replicas are
 * counted as the spec counts them, as having sent every vote. The checks are incremental: each
 * observation is checked against everything observed before, so that calling the observers after
 * every step of every replica checks the invariants after every step.
 */
public final class InvariantChecker {
  private final int commitQuorum;
  private final int replyQuorum;
  private final int byzantine;
  private final List<Violation> violations = new ArrayList<>();

  /** Sequence number -> the digest the first correct replica executed there, and who. */
  private final Map<Long, Digest> executed = new HashMap<>();
  private final Map<Long, Integer> executedBy = new HashMap<>();
  /** Sequence number -> the state digest of the first correct CHECKPOINT, and who. */
  private final Map<Long, Digest> checkpoints = new HashMap<>();
  private final Map<Long, Integer> checkpointBy = new HashMap<>();
  /** (view, seq) -> digest -> correct replicas that sent COMMIT. */
  private final Map<ViewSeq, Map<Digest, Set<Integer>>> commits = new HashMap<>();
  /** seq -> view -> digest with a commit quorum there (correct COMMITs plus the faulty). */
  private final Map<Long, TreeMap<Long, Digest>> committed = new HashMap<>();
  /** seq -> view -> digests some correct replica accepted (sent PRE-PREPARE or PREPARE). */
  private final Map<Long, TreeMap<Long, Set<Digest>>> accepted = new HashMap<>();
  /** Request -> result -> correct replicas that replied it. */
  private final Map<RequestKey, Map<String, Set<Integer>>> replies = new HashMap<>();

  private record ViewSeq(long view, long seq) {}

  public InvariantChecker(ReplicaConfig config, int byzantine) {
    this.commitQuorum = config.quorums().commits();
    this.replyQuorum = config.quorums().reply();
    this.byzantine = byzantine;
  }

  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  public boolean violated() {
    return !violations.isEmpty();
  }

  /** PBFT.tla!AgreementInv: no two correct replicas execute different batches at one n. */
  public void observeExecute(int replica, Effect.Execute x) {
    Digest first = executed.putIfAbsent(x.seq(), x.digest());
    if (first == null) {
      executedBy.put(x.seq(), replica);
    } else if (!first.equals(x.digest())) {
      fail("AgreementInv", "at n = " + x.seq() + " replica " + replica + " executed "
          + x.digest() + ", replica " + executedBy.get(x.seq()) + " executed " + first);
    }
  }

  /** A message a correct replica sent (once, whatever the number of its destinations). */
  public void observeSent(int replica, Message m) {
    if (m instanceof Checkpoint c) {
      checkpointStateInv(replica, c);
    } else if (m instanceof Commit c) {
      commit(replica, c);
    } else if (m instanceof Prepare p) {
      accept(p.view(), p.seq(), p.digest());
    } else if (m instanceof PrePrepare pp) {
      accept(pp.view(), pp.seq(), pp.digest());
    } else if (m instanceof NewView nv) {
      nv.prePrepares().forEach(pp -> accept(pp.view(), pp.seq(), pp.digest()));
    }
  }

  /**
   * PBFT.tla!CheckpointStateInv: correct replicas' checkpoints at the same n carry the same
   * state digest.
   */
  private void checkpointStateInv(int replica, Checkpoint c) {
    Digest first = checkpoints.putIfAbsent(c.seq(), c.stateDigest());
    if (first == null) {
      checkpointBy.put(c.seq(), replica);
    } else if (!first.equals(c.stateDigest())) {
      fail("CheckpointStateInv", "at n = " + c.seq() + " replica " + replica + " checkpointed "
          + c.stateDigest() + ", replica " + checkpointBy.get(c.seq()) + " " + first);
    }
  }

  private void commit(int replica, Commit c) {
    Set<Integer> voters = commits.computeIfAbsent(new ViewSeq(c.view(), c.seq()),
        k -> new HashMap<>()).computeIfAbsent(c.digest(), d -> new TreeSet<>());
    if (voters.add(replica) && voters.size() + byzantine == commitQuorum) {
      committed.computeIfAbsent(c.seq(), n -> new TreeMap<>()).put(c.view(), c.digest());
      TreeMap<Long, Set<Digest>> later = accepted.get(c.seq());
      if (later != null) {
        later.tailMap(c.view(), false).forEach((v, ds) -> ds.forEach(
            d -> committedCarriedInv(c.view(), c.seq(), c.digest(), v, d)));
      }
    }
  }

  private void accept(long v, long n, Digest d) {
    if (!accepted.computeIfAbsent(n, k -> new TreeMap<>()).computeIfAbsent(v, k -> new TreeSet<>())
        .add(d)) {
      return;
    }
    TreeMap<Long, Digest> earlier = committed.get(n);
    if (earlier != null) {
      earlier.headMap(v, false).forEach((cv, cd) -> committedCarriedInv(cv, n, cd, v, d));
    }
  }

  /**
   * PBFT.tla!CommittedCarriedInv: a request with a commit quorum at (v, n) is the only one a
   * correct replica accepts at n in any later view.
   */
  private void committedCarriedInv(long v, long n, Digest d, long laterView, Digest laterDigest) {
    if (!d.equals(laterDigest)) {
      fail("CommittedCarriedInv", d + " committed at (v=" + v + ", n=" + n + ") but view "
          + laterView + " accepted " + laterDigest);
    }
  }

  /**
   * PBFT.tla!ClientAcceptInv: f+1 matching replies (faulty ones joining any) name one result.
   * Read-only replies are not results of ordered execution, which is what the invariant is about:
   * replicas answer a read-only request from whatever state they are in, so their results may
   * differ from each other and from the request's ordered fallback (the client needs 2f+1 of
   * them to match).
   */
  public void observeReply(Reply r) {
    if (r.readOnly()) {
      return;
    }
    Map<String, Set<Integer>> byResult = replies.computeIfAbsent(
        new RequestKey(r.clientId(), r.timestamp()), k -> new HashMap<>());
    // a digest reply vouches for the result it digests: it counts with the replies that carry it
    Set<Integer> voters = byResult.computeIfAbsent(
        HexFormat.of().formatHex(r.resultDigest().bytes()),
        x -> new TreeSet<>());
    if (voters.add(r.replica()) && voters.size() + byzantine == replyQuorum) {
      long acceptable = byResult.values().stream()
          .filter(s -> s.size() + byzantine >= replyQuorum)
          .count();
      if (acceptable > 1) {
        fail("ClientAcceptInv", "clients could accept " + acceptable
            + " different results for request " + r.clientId() + "#" + r.timestamp());
      }
    }
  }

  private void fail(String invariant, String detail) {
    violations.add(new Violation(invariant, detail));
  }
}
