package org.pbft.quorum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.math3.util.Combinations;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.pbft.core.Quorums;

/**
 * A quorum design to judge: {@code n} replicas with ids {@code 0..n-1}, at most {@code f} of them
 * Byzantine, and certificates made of {@code q} distinct replicas (a quorum is any set of
 * {@code q} replicas).
 *
 * <p>The design is <em>safe</em> when any two quorums share a correct replica whatever set of
 * {@code f} replicas is faulty, and <em>live</em> when the correct replicas alone can form a
 * quorum. Spec: PBFT.tla!QuorumIntersectionAssumption states both for {@code Quorum}.
 *
 * <p>{@link #minimumIntersection()} is the counting argument and holds for any {@code n}. The
 * searches enumerate every quorum with Commons Math {@link Combinations} and find concrete
 * counterexamples; they are meant for small systems and refuse more than
 * {@link #MAX_ENUMERATED_QUORUMS} quorums.
 */
public record QuorumSystem(int n, int f, int q) {

  /** The searches refuse systems with more quorums than this (pairs grow with its square). */
  public static final long MAX_ENUMERATED_QUORUMS = 30_000;

  /** Replica ids are bits of a {@code long} while enumerating. */
  public static final int MAX_ENUMERATED_REPLICAS = 63;

  public QuorumSystem {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (f < 0 || f > n) {
      throw new IllegalArgumentException("f must be in 0.." + n + ", got " + f);
    }
    if (q < 1 || q > n) {
      throw new IllegalArgumentException("q must be in 1.." + n + ", got " + q);
    }
  }

  /** The design PBFT uses for its big certificates: quorums of {@link Quorums#quorum()}. */
  public static QuorumSystem of(Quorums quorums) {
    return new QuorumSystem(quorums.n(), quorums.f(), quorums.quorum());
  }

  /**
   * The fewest replicas two quorums can share: {@code max(0, 2q - n)}. Two sets of {@code q}
   * among {@code n} overlap in at least {@code 2q - n} (their union has at most {@code n}
   * members), and the bound is attained by {@code {0..q-1}} and {@code {n-q..n-1}}.
   */
  public int minimumIntersection() {
    return Math.max(0, 2 * q - n);
  }

  /** Any two quorums share at least {@code f + 1} replicas, so a correct one. */
  public boolean intersectionSafe() {
    return minimumIntersection() >= f + 1;
  }

  /** The {@code n - f} correct replicas can form a quorum without the faulty ones. */
  public boolean live() {
    return q <= n - f;
  }

  /** How many quorums there are: {@code C(n, q)}. */
  public long quorumCount() {
    return CombinatoricsUtils.binomialCoefficient(n, q);
  }

  /** Every quorum, as a bit set of replica ids, in lexicographic order. */
  public long[] quorums() {
    requireEnumerable();
    long[] all = new long[(int) quorumCount()];
    int i = 0;
    for (int[] members : new Combinations(n, q)) {
      all[i++] = mask(members);
    }
    return all;
  }

  /** The smallest intersection over every pair of quorums, found by enumeration. */
  public int enumeratedMinimumIntersection() {
    long[] all = quorums();
    int min = q;
    for (int i = 0; i < all.length && min > 0; i++) {
      for (int j = i; j < all.length; j++) {
        min = Math.min(min, Long.bitCount(all[i] & all[j]));
      }
    }
    return min;
  }

  /**
   * Searches every pair of quorums for two that share no correct replica under some faulty set
   * of at most {@code f}. Such a faulty set exists exactly when the two share at most {@code f}
   * replicas (make all shared replicas faulty), so the search looks for the pair with the fewest
   * shared replicas, the first in lexicographic order, and reports it with a faulty set of size
   * {@code f} that contains the shared replicas.
   *
   * @return empty when every pair shares at least {@code f + 1} replicas
   */
  public Optional<Counterexample> findIntersectionCounterexample() {
    long[] all = quorums();
    int best = Integer.MAX_VALUE;
    long first = 0;
    long second = 0;
    for (int i = 0; i < all.length && best > 0; i++) {
      for (int j = i; j < all.length; j++) {
        int shared = Long.bitCount(all[i] & all[j]);
        if (shared <= f && shared < best) {
          best = shared;
          first = all[i];
          second = all[j];
          if (best == 0) {
            break;
          }
        }
      }
    }
    if (best == Integer.MAX_VALUE) {
      return Optional.empty();
    }
    long faulty = first & second;
    for (int id = 0; Long.bitCount(faulty) < f; id++) {
      faulty |= 1L << id;
    }
    return Optional.of(new Counterexample(this, ids(first), ids(second), ids(faulty)));
  }

  /**
   * Searches every faulty set of {@code f} replicas for one that leaves no quorum made of correct
   * replicas only: with it the faulty replicas can stop progress by staying silent.
   *
   * @return the first such faulty set in lexicographic order, or empty when there is none
   */
  public Optional<SortedSet<Integer>> findLivenessCounterexample() {
    requireEnumerable();
    long[] all = quorums();
    for (int[] members : faultySets()) {
      long faulty = mask(members);
      boolean someQuorumAvoidsIt = false;
      for (long quorum : all) {
        if ((quorum & faulty) == 0) {
          someQuorumAvoidsIt = true;
          break;
        }
      }
      if (!someQuorumAvoidsIt) {
        return Optional.of(ids(faulty));
      }
    }
    return Optional.empty();
  }

  private Iterable<int[]> faultySets() {
    if (f == 0) {
      return List.of(new int[0]);
    }
    return new Combinations(n, f);
  }

  private void requireEnumerable() {
    if (n > MAX_ENUMERATED_REPLICAS || quorumCount() > MAX_ENUMERATED_QUORUMS) {
      throw new IllegalStateException("too many quorums to enumerate: C(" + n + ", " + q + ") = "
          + quorumCount() + ", at most " + MAX_ENUMERATED_QUORUMS + " of at most "
          + MAX_ENUMERATED_REPLICAS + " replicas");
    }
  }

  private static long mask(int[] members) {
    long mask = 0;
    for (int id : members) {
      mask |= 1L << id;
    }
    return mask;
  }

  /** The replica ids in a bit set. */
  public static SortedSet<Integer> ids(long mask) {
    List<Integer> ids = new ArrayList<>();
    for (long rest = mask; rest != 0; rest &= rest - 1) {
      ids.add(Long.numberOfTrailingZeros(rest));
    }
    return Collections.unmodifiableSortedSet(new TreeSet<>(ids));
  }

  /**
   * Two quorums and a faulty set of at most {@code f} replicas that contains every replica the
   * two quorums share: no correct replica is in both.
   */
  public record Counterexample(
      QuorumSystem system,
      SortedSet<Integer> first,
      SortedSet<Integer> second,
      SortedSet<Integer> faulty) {

    /** The replicas both quorums contain. */
    public SortedSet<Integer> shared() {
      TreeSet<Integer> shared = new TreeSet<>(first);
      shared.retainAll(second);
      return Collections.unmodifiableSortedSet(shared);
    }

    /** The correct replicas of the first quorum: none of them is in the second. */
    public SortedSet<Integer> correctInFirst() {
      TreeSet<Integer> correct = new TreeSet<>(first);
      correct.removeAll(faulty);
      return Collections.unmodifiableSortedSet(correct);
    }

    /** One paragraph for an assertion message or a report. */
    public String describe() {
      QuorumSystem s = system;
      String sharing = shared().isEmpty()
          ? "share no replica"
          : "share only " + shared();
      return "n = " + s.n() + ", f = " + s.f() + ", quorums of " + s.q() + ": " + first
          + " and " + second + " " + sharing + "; with faulty replicas " + faulty
          + " the correct replicas of the first quorum " + correctInFirst()
          + " are all missing from the second, so no correct replica is in both";
    }
  }
}
