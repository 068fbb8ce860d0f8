package org.pbft.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SortedSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.util.Combinations;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.pbft.core.Quorums;

/**
 * Quorum intersection for {@code n = 3f + 1} replicas and quorums of {@code 2f + 1}: any two
 * quorums share at least {@code f + 1} replicas, so at least one correct replica whatever set of
 * {@code f} replicas is faulty. Spec: PBFT.tla!QuorumIntersectionAssumption.
 *
 * <p>Exhaustive over every pair of quorums for {@code f <= 5} ({@code n <= 16}); by the symmetry
 * argument for {@code f = 1..10}; by random pairs and random faulty sets up to {@code f = 40}.
 */
class QuorumIntersectionTest {

  /** Every pair of quorums is enumerated up to this f: C(16, 11) = 4,368 quorums at f = 5. */
  static final int EXHAUSTIVE_MAX_F = 5;

  private static Quorums bft(int f) {
    return new Quorums(3 * f + 1, f);
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void quorumOf3fPlus1ReplicasIs2fPlus1(@ForAll @IntRange(min = 0, max = 100) int f) {
    Quorums quorums = bft(f);
    assertEquals(2 * f + 1, quorums.quorum());
    assertEquals(f + 1, quorums.weak());
  }

  /** Every pair of quorums of 2f + 1 among 3f + 1, enumerated with Commons Math Combinations. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void anyTwoQuorumsShareACorrectReplica(
      @ForAll @IntRange(min = 1, max = EXHAUSTIVE_MAX_F) int f) {
    Quorums quorums = bft(f);
    int n = quorums.n();
    int q = quorums.quorum();
    long[] all = QuorumSystem.of(quorums).quorums();
    assertEquals(CombinatoricsUtils.binomialCoefficient(n, q), all.length);
    long pairs = 0;
    for (int i = 0; i < all.length; i++) {
      for (int j = i; j < all.length; j++) {
        pairs++;
        if (Long.bitCount(all[i] & all[j]) < f + 1) {
          fail("n = " + n + ": quorums " + QuorumSystem.ids(all[i]) + " and "
              + QuorumSystem.ids(all[j]) + " share fewer than f + 1 = " + (f + 1) + " replicas");
        }
      }
    }
    assertEquals((long) all.length * (all.length + 1) / 2, pairs);
  }

  /**
   * The step from "share f + 1" to "share a correct one", checked without the pigeonhole
   * argument: every pair of quorums against every faulty set of f replicas.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void everyFaultySetLeavesACorrectReplicaInEveryIntersection(
      @ForAll @IntRange(min = 1, max = 3) int f) {
    Quorums quorums = bft(f);
    long[] all = QuorumSystem.of(quorums).quorums();
    for (int[] members : new Combinations(quorums.n(), f)) {
      long faulty = ReplicaSets.mask(Arrays.stream(members).boxed().toList());
      for (int i = 0; i < all.length; i++) {
        for (int j = i; j < all.length; j++) {
          if ((all[i] & all[j] & ~faulty) == 0) {
            fail("quorums " + QuorumSystem.ids(all[i]) + " and " + QuorumSystem.ids(all[j])
                + " share only faulty replicas " + QuorumSystem.ids(faulty));
          }
        }
      }
    }
  }

  /**
   * For f = 1..10 by symmetry: a permutation of replica ids maps any quorum onto {0..2f} and
   * keeps intersection sizes, so fix the first quorum there. A second quorum is then determined,
   * up to permutations that fix the first, by how many of its members k lie among the f
   * replicas outside it; its intersection with the first is 2f + 1 - k. Enumerate every k,
   * build the quorum, and check the smallest intersection is exactly f + 1 (attained at k = f):
   * with all f faulty replicas inside it, exactly one correct replica remains.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void smallestIntersectionOfTwoQuorumsIsFPlusOne(@ForAll @IntRange(min = 1, max = 10) int f) {
    Quorums quorums = bft(f);
    int n = quorums.n();
    int q = quorums.quorum();
    long first = (1L << q) - 1;
    long outside = ((1L << n) - 1) & ~first;
    assertEquals(f, Long.bitCount(outside));
    int smallest = Integer.MAX_VALUE;
    long worst = 0;
    for (int k = 0; k <= Math.min(f, q); k++) {
      long fromOutside = lowest(outside, k);
      long fromFirst = lowest(first, q - k);
      long second = fromFirst | fromOutside;
      assertEquals(q, Long.bitCount(second));
      int shared = Long.bitCount(first & second);
      assertEquals(q - k, shared);
      if (shared < smallest) {
        smallest = shared;
        worst = second;
      }
    }
    assertEquals(f + 1, smallest, "smallest intersection for n = " + n);
    assertEquals(smallest, QuorumSystem.of(quorums).minimumIntersection());
    long faultyInside = lowest(first & worst, f);
    long correctShared = first & worst & ~faultyInside;
    assertEquals(1, Long.bitCount(correctShared),
        "the bound is tight: f faulty replicas in the intersection leave exactly one correct");
  }

  /** The counting argument max(0, 2q - n) against enumeration of every pair, for n <= 12. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void countingArgumentAgreesWithEnumeration(@ForAll @IntRange(min = 1, max = 12) int n) {
    for (int q = 1; q <= n; q++) {
      QuorumSystem system = new QuorumSystem(n, 0, q);
      assertEquals(system.minimumIntersection(), system.enumeratedMinimumIntersection(),
          "n = " + n + ", q = " + q);
    }
  }

  @Property(tries = 1000)
  void randomQuorumsShareACorrectReplicaWhateverIsFaulty(@ForAll("bftCases") Case c) {
    SortedSet<Integer> shared = ReplicaSets.intersection(c.first(), c.second());
    assertTrue(shared.size() >= c.f() + 1, c + " share only " + shared);
    assertFalse(ReplicaSets.minus(shared, c.faulty()).isEmpty(),
        c + ": no correct replica in " + shared);
  }

  /** The adversary's best move: put every faulty replica among the shared ones. */
  @Property(tries = 1000)
  void faultsPlacedAmongTheSharedReplicasStillLeaveACorrectOne(
      @ForAll("bftCasesWithFaultsInTheIntersection") Case c) {
    SortedSet<Integer> shared = ReplicaSets.intersection(c.first(), c.second());
    assertEquals(c.f(), c.faulty().size(), c.toString());
    assertTrue(shared.containsAll(c.faulty()), c.toString());
    assertFalse(ReplicaSets.minus(shared, c.faulty()).isEmpty(),
        c + ": no correct replica in " + shared);
  }

  /** Two quorums and a faulty set for n = 3f + 1. */
  record Case(int f, SortedSet<Integer> first, SortedSet<Integer> second,
      SortedSet<Integer> faulty) {}

  @Provide
  Arbitrary<Case> bftCases() {
    return Arbitraries.integers().between(1, 40).flatMap(f -> {
      int n = 3 * f + 1;
      int q = new Quorums(n, f).quorum();
      return Combinators.combine(
          ReplicaSets.ofSize(n, q), ReplicaSets.ofSize(n, q), ReplicaSets.upTo(n, f))
          .as((a, b, faulty) -> new Case(f, a, b, faulty));
    });
  }

  @Provide
  Arbitrary<Case> bftCasesWithFaultsInTheIntersection() {
    return Arbitraries.integers().between(1, 40).flatMap(f -> {
      int n = 3 * f + 1;
      int q = new Quorums(n, f).quorum();
      return Combinators.combine(ReplicaSets.ofSize(n, q), ReplicaSets.ofSize(n, q))
          .flatAs((a, b) -> {
            SortedSet<Integer> shared = ReplicaSets.intersection(a, b);
            return ReplicaSets.ofSizeFrom(shared, Math.min(f, shared.size()))
                .map(faulty -> new Case(f, a, b, faulty));
          });
    });
  }

  /** The {@code count} lowest set bits of {@code mask}. */
  private static long lowest(long mask, int count) {
    long picked = 0;
    long rest = mask;
    for (int i = 0; i < count; i++) {
      long bit = Long.lowestOneBit(rest);
      picked |= bit;
      rest &= ~bit;
    }
    return picked;
  }
}
