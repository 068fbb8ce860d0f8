package org.pbft.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.util.Combinations;
import org.pbft.quorum.QuorumSystem.Counterexample;

/**
 * The designs the lecture notes reject on the way to PBFT, each refuted by a counterexample that
 * {@link QuorumSystem} finds by searching every pair of quorums, and the same search finding
 * nothing for 3f + 1 replicas with quorums of 2f + 1 (so it can fail both ways).
 */
class FailingDesignsTest {

  /**
   * 2f + 1 servers, the client waits for f + 1 matching replies. The replies to one operation
   * may come from the f faulty servers and a single correct one; the replies to the next may
   * come from the same faulty servers and others, missing the only correct server that saw the
   * first operation, so nobody notices that it was never executed.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void fPlusOneRepliesAmong2fPlus1ServersCanMissTheOnlyCorrectWitness(
      @ForAll @IntRange(min = 1, max = 4) int f) {
    QuorumSystem design = new QuorumSystem(2 * f + 1, f, f + 1);
    Counterexample c = design.findIntersectionCounterexample().orElseThrow(
        () -> new AssertionError("no counterexample for " + design));
    assertValid(c);
    SortedSet<Integer> witnesses = c.correctInFirst();
    assertEquals(1, witnesses.size(), "one correct server saw the first operation: " + describe(c));
    assertTrue(ReplicaSets.intersection(witnesses, c.second()).isEmpty(), describe(c));
  }

  /** 3f + 1 servers with quorums of 2f: two quorums may share only faulty servers, or none. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void quorumsOf2fAmong3fPlus1CanShareOnlyFaultyReplicas(
      @ForAll @IntRange(min = 1, max = 4) int f) {
    QuorumSystem design = new QuorumSystem(3 * f + 1, f, 2 * f);
    Counterexample c = design.findIntersectionCounterexample().orElseThrow(
        () -> new AssertionError("no counterexample for " + design));
    assertValid(c);
    assertEquals(f - 1, c.shared().size(), "the smallest overlap 2q - n: " + describe(c));
  }

  /** The design PBFT uses: the same search over every pair of quorums finds nothing. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void searchFindsNoCounterexampleForQuorumsOf2fPlus1Among3fPlus1(
      @ForAll @IntRange(min = 1, max = 4) int f) {
    QuorumSystem design = new QuorumSystem(3 * f + 1, f, 2 * f + 1);
    Optional<Counterexample> c = design.findIntersectionCounterexample();
    assertTrue(c.isEmpty(), () -> describe(c.orElseThrow()));
    assertTrue(design.findLivenessCounterexample().isEmpty());
  }

  /**
   * The first design: every server must answer. Safe, since all quorums are the whole set, but a
   * single faulty server stops everything by not answering.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void waitingForEveryServerLetsOneFaultyServerBlockProgress(
      @ForAll @IntRange(min = 2, max = 10) int n) {
    QuorumSystem design = new QuorumSystem(n, 1, n);
    assertTrue(design.findIntersectionCounterexample().isEmpty(), design.toString());
    SortedSet<Integer> blocking = design.findLivenessCounterexample().orElseThrow(
        () -> new AssertionError("no blocking faulty set for " + design));
    assertEquals(1, blocking.size(), blocking.toString());
  }

  @Example
  void counterexamplesAreDescribed() {
    Counterexample lecture = new QuorumSystem(3, 1, 2).findIntersectionCounterexample()
        .orElseThrow();
    assertEquals("n = 3, f = 1, quorums of 2: [0, 1] and [0, 2] share only [0]; with faulty "
        + "replicas [0] the correct replicas of the first quorum [1] are all missing from the "
        + "second, so no correct replica is in both", lecture.describe());
    Counterexample disjoint = new QuorumSystem(4, 1, 2).findIntersectionCounterexample()
        .orElseThrow();
    assertEquals("n = 4, f = 1, quorums of 2: [0, 1] and [2, 3] share no replica; with faulty "
        + "replicas [0] the correct replicas of the first quorum [1] are all missing from the "
        + "second, so no correct replica is in both", disjoint.describe());
  }

  /**
   * The pair search makes the shared replicas faulty instead of trying faulty sets; for every
   * system of at most 7 replicas it agrees with a brute-force search over every faulty set.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void pairSearchAgreesWithSearchOverEveryFaultySet(@ForAll @IntRange(min = 1, max = 7) int n) {
    for (int f = 0; f <= n; f++) {
      for (int q = 1; q <= n; q++) {
        QuorumSystem system = new QuorumSystem(n, f, q);
        assertEquals(bruteForceFindsCounterexample(system),
            system.findIntersectionCounterexample().isPresent(), system.toString());
      }
    }
  }

  @Example
  void searchRefusesSystemsTooLargeToEnumerate() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new QuorumSystem(40, 13, 27).findIntersectionCounterexample());
    assertTrue(e.getMessage().startsWith("too many quorums to enumerate: C(40, 27)"),
        e.getMessage());
    assertFalse(new QuorumSystem(40, 13, 27).minimumIntersection() < 14);
  }

  private static boolean bruteForceFindsCounterexample(QuorumSystem system) {
    long[] quorums = system.quorums();
    for (int size = 0; size <= system.f(); size++) {
      Iterable<int[]> faultySets = size == 0
          ? List.of(new int[0]) : new Combinations(system.n(), size);
      for (int[] members : faultySets) {
        long correct = ~ReplicaSets.mask(Arrays.stream(members).boxed().toList());
        for (long a : quorums) {
          for (long b : quorums) {
            if ((a & b & correct) == 0) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Checks a counterexample on its own terms, without trusting the search. */
  private static void assertValid(Counterexample c) {
    QuorumSystem s = c.system();
    assertEquals(s.q(), c.first().size(), describe(c));
    assertEquals(s.q(), c.second().size(), describe(c));
    assertTrue(c.faulty().size() <= s.f(), describe(c));
    assertTrue(c.first().last() < s.n() && c.second().last() < s.n(), describe(c));
    assertTrue(c.faulty().containsAll(ReplicaSets.intersection(c.first(), c.second())),
        describe(c));
  }

  private static String describe(Counterexample c) {
    return c.describe();
  }
}
