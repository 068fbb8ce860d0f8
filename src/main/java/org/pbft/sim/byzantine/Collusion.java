package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Request;

/**
 * One plan shared by every faulty replica of a run ({@code collude}): the leader, the primary of
 * view 0, equivocates: for each batch it orders, one version goes to one part of the correct
 * replicas and another version, for the same view and sequence number, to the rest. The other
 * faulty replicas, the backers, and the leader itself then vote for each version toward its own
 * part: PREPAREs and COMMITs for the version that part received, and VIEW-CHANGEs whose prepared
 * certificates claim it (with every PREPARE the coalition can show for it). A part that holds a
 * quorum of correct replicas with the coalition commits its version; the view change must then
 * carry that version, whatever the coalition tells the other part.
 */
final class Collusion {
  /** The two versions of a (view, sequence number) and who received which. */
  record Split(PrePrepare first, PrePrepare second, Set<Integer> firstSide) {
    PrePrepare versionFor(int replica) {
      return firstSide.contains(replica) ? first : second;
    }
  }

  private record Slot(long view, long seq) {}

  /** The faulty replicas, filled in as each member first steps. */
  private final Set<Integer> members = new TreeSet<>();
  private final Map<Slot, Split> splits = new HashMap<>();
  /** The equivocations, in the order the leader made them: the backers back them in order. */
  private final List<Split> order = new ArrayList<>();

  /** A team of {@code count}: the leader first, then the backers. */
  static List<Strategy> team(int count) {
    Collusion plan = new Collusion();
    List<Strategy> team = new ArrayList<>();
    team.add(new ColludingLeader(plan));
    for (int i = 1; i < count; i++) {
      team.add(new ColludingBacker(plan));
    }
    return team;
  }

  void join(int replica) {
    members.add(replica);
  }

  boolean isMember(int replica) {
    return members.contains(replica);
  }

  /**
   * The leader's equivocation on {@code pp}: the batch reversed (or a colluding client's request
   * added) for a random part of the correct replicas, {@code pp} itself for the others; both
   * parts non-empty.
   */
  Split equivocate(Adversary a, PrePrepare pp) {
    List<Request> other = new ArrayList<>(pp.requests());
    if (other.size() >= 2) {
      Collections.reverse(other);
    } else {
      other.add(a.colludingRequest());
    }
    PrePrepare conflicting = PrePrepare.of(pp.view(), pp.seq(), other);
    List<Integer> correct = new ArrayList<>();
    for (int q = 0; q < a.config().n(); q++) {
      if (!members.contains(q)) {
        correct.add(q);
      }
    }
    SplittableRandom random = a.random();
    Collections.shuffle(correct, new java.util.Random(random.nextLong()));
    int cut = correct.size() < 2 ? correct.size() : 1 + random.nextInt(correct.size() - 1);
    Split split = new Split(pp, conflicting, new TreeSet<>(correct.subList(0, cut)));
    splits.put(new Slot(pp.view(), pp.seq()), split);
    order.add(split);
    return split;
  }

  /** The split at (view, seq), or null where the leader did not equivocate. */
  Split at(long view, long seq) {
    return splits.get(new Slot(view, seq));
  }

  /** Equivocations from index {@code from} on, in the order they were made. */
  List<Split> since(int from) {
    return List.copyOf(order.subList(Math.min(from, order.size()), order.size()));
  }

  /** Every equivocation so far. */
  List<Split> all() {
    return List.copyOf(order);
  }
}
