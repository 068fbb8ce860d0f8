package org.pbft.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SortedSet;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.pbft.core.Quorums;

/**
 * The general rule for {@code n >= 3f + 1} replicas: the quorum is the smallest {@code q} with
 * {@code 2q - n >= f + 1} (two quorums share a correct replica), and {@code q <= n - f} (the
 * correct replicas alone form a quorum). Below {@code 3f + 1} no quorum size has both.
 */
class QuorumRuleTest {

  @Property
  void quorumIsTheSmallestSizeWhoseIntersectionsHaveFPlusOne(
      @ForAll @IntRange(min = 0, max = 100) int f,
      @ForAll @IntRange(min = 0, max = 100) int extra) {
    int n = 3 * f + 1 + extra;
    int q = new Quorums(n, f).quorum();
    assertTrue(2 * q - n >= f + 1, "n = " + n + ", f = " + f + ", q = " + q);
    assertTrue(2 * (q - 1) - n < f + 1, "q - 1 would do: n = " + n + ", f = " + f);
    assertTrue(new QuorumSystem(n, f, q).intersectionSafe());
    if (q > 1) {
      assertFalse(new QuorumSystem(n, f, q - 1).intersectionSafe());
    }
  }

  @Property
  void aQuorumOfCorrectReplicasExists(
      @ForAll @IntRange(min = 0, max = 100) int f,
      @ForAll @IntRange(min = 0, max = 100) int extra) {
    int n = 3 * f + 1 + extra;
    Quorums quorums = new Quorums(n, f);
    assertTrue(quorums.quorum() <= n - f, quorums + ": quorum " + quorums.quorum());
    assertTrue(QuorumSystem.of(quorums).live());
  }

  /**
   * Independent of the formula: for every n <= 13 and every f it tolerates, the smallest q for
   * which the counterexample search over all pairs of quorums finds nothing is quorum(), and no
   * faulty set of f replicas blocks every quorum of that size.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void searchFindsTheSameSmallestSafeQuorum(@ForAll @IntRange(min = 1, max = 13) int n) {
    for (int f = 0; 3 * f + 1 <= n; f++) {
      Quorums quorums = new Quorums(n, f);
      int smallestSafe = 0;
      for (int q = 1; q <= n && smallestSafe == 0; q++) {
        if (new QuorumSystem(n, f, q).findIntersectionCounterexample().isEmpty()) {
          smallestSafe = q;
        }
      }
      assertEquals(quorums.quorum(), smallestSafe, quorums.toString());
      Optional<SortedSet<Integer>> blocking =
          QuorumSystem.of(quorums).findLivenessCounterexample();
      assertTrue(blocking.isEmpty(), quorums + ": faulty " + blocking + " block every quorum");
    }
  }

  /** Why 3f + 1: with fewer replicas every quorum size is unsafe or can be blocked by f. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void noQuorumSizeIsBothSafeAndLiveBelow3fPlus1(@ForAll @IntRange(min = 1, max = 3) int f) {
    for (int n = f; n <= 3 * f; n++) {
      for (int q = 1; q <= n; q++) {
        QuorumSystem system = new QuorumSystem(n, f, q);
        boolean unsafe = system.findIntersectionCounterexample().isPresent();
        boolean blocked = system.findLivenessCounterexample().isPresent();
        assertTrue(unsafe || blocked, system + " is both safe and live");
        assertEquals(!system.intersectionSafe(), unsafe, system.toString());
        assertEquals(!system.live(), blocked, system.toString());
      }
    }
  }

  @Property
  void rejectsFewerThan3fPlus1ReplicasWithAClearMessage(
      @ForAll @IntRange(min = 1, max = 100) int f, @ForAll @IntRange(min = 1, max = 300) int n) {
    Assume.that(n < 3 * f + 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Quorums(n, f));
    assertEquals("n = " + n + " replicas cannot tolerate f = " + f
        + " Byzantine faults: need n >= 3f+1", e.getMessage());
  }

  @Example
  void rejectsNegativeFaultsAndReplicas() {
    assertEquals("f must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> new Quorums(4, -1)).getMessage());
    assertEquals("n must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Quorums.forReplicas(0)).getMessage());
  }

  @Example
  void acceptsExactly3fPlus1() {
    assertEquals(3, new Quorums(4, 1).quorum());
    assertEquals(5, new Quorums(7, 2).quorum());
  }

  @Property
  void forReplicasToleratesTheMostFaults(@ForAll @IntRange(min = 1, max = 1000) int n) {
    Quorums quorums = Quorums.forReplicas(n);
    assertEquals(n, quorums.n());
    assertTrue(3 * quorums.f() + 1 <= n);
    assertThrows(IllegalArgumentException.class, () -> new Quorums(n, quorums.f() + 1));
  }
}
