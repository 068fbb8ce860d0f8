package org.pbft.sim.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pbft.core.Replica;

/**
 * The group stays whole: once the clients are done and the network has healed, the correct
 * replicas must come together within {@code bound} ticks. Clients get their answers from 2f+1
 * replicas, so a correct replica that left the group (stranded in a view of its own, or never
 * executing what the others did) is invisible to {@link LivenessChecker}; this check sees it.
 *
 * <p>The rule: let {@code settle} be the later of the tick the network healed and the tick the
 * last client operation completed. The correct replicas have converged at a tick when all of
 * them are in one view, all in normal status, and each has executed, or adopted a stable
 * checkpoint at or past, the highest sequence number any correct replica executed. No request
 * is in flight after {@code settle} except what a Byzantine replica makes up, so equality is the
 * right target; a Byzantine primary that keeps ordering old requests can make the correct
 * replicas differ by a batch at one tick but not at every tick, which is why the run looks for
 * one tick at which they agree. A violation when no tick in {@code [settle, settle + bound]}
 * has them converged.
 */
public final class ConvergenceChecker {
  private final long bound;

  public ConvergenceChecker(long bound) {
    if (bound < 0) {
      throw new IllegalArgumentException("convergence bound must not be negative");
    }
    this.bound = bound;
  }

  public long bound() {
    return bound;
  }

  /** The last tick by which the replicas must have converged. */
  public long deadline(long settle) {
    return settle + bound;
  }

  /**
   * The replicas out of the group, described; empty when the correct replicas {@code correct}
   * (replica id -> replica) have converged.
   */
  public static Optional<String> outOfGroup(Map<Integer, Replica> correct) {
    if (correct.isEmpty()) {
      return Optional.empty();
    }
    long executed = correct.values().stream().mapToLong(ConvergenceChecker::reached).max()
        .orElseThrow();
    long view = groupView(correct);
    List<Integer> out = new ArrayList<>();
    correct.forEach((id, r) -> {
      if (r.view() != view || r.status() != Replica.Status.NORMAL || reached(r) < executed) {
        out.add(id);
      }
    });
    if (out.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder s = new StringBuilder();
    s.append(out.size() == 1 ? "replica " : "replicas ").append(out)
        .append(" out of the group (view ").append(view).append(", normal, executed through ")
        .append(executed).append("):");
    correct.forEach((id, r) -> s.append(' ').append(describe(id, r))
        .append(out.contains(id) ? " [out]" : "").append(';'));
    s.setLength(s.length() - 1);
    return Optional.of(s.toString());
  }

  /**
   * The verdict at tick {@code now}, once the run settled at {@code settle}: a violation if the
   * replicas have not converged and the deadline passed, otherwise empty.
   */
  public Optional<Violation> check(Map<Integer, Replica> correct, long settle, long now) {
    if (now <= deadline(settle)) {
      return Optional.empty();
    }
    return outOfGroup(correct).map(detail -> new Violation("Convergence", detail
        + " at tick " + now + ", settled at tick " + settle + " (bound " + bound + " ticks)"));
  }

  /**
   * The view most correct replicas hold in normal status (the higher on a tie), or the highest
   * view if none is normal: the view a replica out of the group is compared with.
   */
  private static long groupView(Map<Integer, Replica> correct) {
    TreeMap<Long, Integer> normal = new TreeMap<>();
    long highest = 0;
    for (Replica r : correct.values()) {
      highest = Math.max(highest, r.view());
      if (r.status() == Replica.Status.NORMAL) {
        normal.merge(r.view(), 1, Integer::sum);
      }
    }
    long best = highest;
    int most = 0;
    for (var e : normal.entrySet()) {
      if (e.getValue() >= most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /** The highest sequence number whose effect the replica holds: executed, or in a checkpoint. */
  private static long reached(Replica r) {
    return Math.max(r.lastExecuted(), r.lowWatermark());
  }

  private static String describe(int id, Replica r) {
    return "replica " + id + " view " + r.view() + " "
        + (r.status() == Replica.Status.NORMAL ? "normal" : "view-change") + " executed "
        + r.lastExecuted() + " h " + r.lowWatermark();
  }
}
