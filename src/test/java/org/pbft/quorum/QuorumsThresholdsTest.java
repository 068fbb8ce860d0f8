package org.pbft.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.util.Combinations;
import org.pbft.core.Quorums;

/**
 * Every certificate size of the protocol comes from {@link Quorums}, and each one has the
 * intersection property the safety argument needs: big certificates (prepared, committed, stable
 * checkpoint, NEW-VIEW, read-only reply) are {@code quorum()}; weak ones (joining a view change,
 * client reply) are {@code weak()}.
 */
class QuorumsThresholdsTest {

  enum Kind {
    /** Two such certificates share a correct replica. */
    BIG,
    /** Such a certificate contains a correct replica. */
    WEAK,
    /** Counts backups only; with the primary's PRE-PREPARE it is a big certificate. */
    BIG_WITHOUT_PRIMARY
  }

  record Threshold(Kind kind, ToIntFunction<Quorums> size) {}

  /** Every threshold Quorums derives, by kind. A new threshold must be added here. */
  static final Map<String, Threshold> THRESHOLDS = Map.of(
      "preparesFromBackups", new Threshold(Kind.BIG_WITHOUT_PRIMARY, Quorums::preparesFromBackups),
      "commits", new Threshold(Kind.BIG, Quorums::commits),
      "stableCheckpoint", new Threshold(Kind.BIG, Quorums::stableCheckpoint),
      "newView", new Threshold(Kind.BIG, Quorums::newView),
      "readOnlyReply", new Threshold(Kind.BIG, Quorums::readOnlyReply),
      "joinViewChange", new Threshold(Kind.WEAK, Quorums::joinViewChange),
      "reply", new Threshold(Kind.WEAK, Quorums::reply));

  /** The accessors, the two base sizes every threshold is derived from, and hashCode. */
  static final Set<String> NOT_THRESHOLDS = Set.of("n", "f", "quorum", "weak", "hashCode");

  @Example
  void everyThresholdIsClassified() {
    Set<String> declared = Arrays.stream(Quorums.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getReturnType() == int.class && m.getParameterCount() == 0)
        .map(Method::getName)
        .filter(name -> !NOT_THRESHOLDS.contains(name))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(THRESHOLDS.keySet()), declared,
        "every threshold of Quorums is BIG, WEAK or BIG_WITHOUT_PRIMARY in THRESHOLDS");
  }

  @Property
  void bigThresholdsEqualQuorum(@ForAll("quorums") Quorums quorums) {
    forEach(Kind.BIG, quorums, (name, size) -> assertEquals(quorums.quorum(), size, name));
    forEach(Kind.BIG_WITHOUT_PRIMARY, quorums,
        (name, size) -> assertEquals(quorums.quorum(), size + 1, name + " plus the primary"));
  }

  @Property
  void weakThresholdsEqualWeak(@ForAll("quorums") Quorums quorums) {
    assertEquals(quorums.f() + 1, quorums.weak());
    forEach(Kind.WEAK, quorums, (name, size) -> assertEquals(quorums.weak(), size, name));
  }

  /** Counting argument over random (n, f): every big threshold meets every big threshold. */
  @Property
  void twoBigCertificatesShareACorrectReplica(@ForAll("quorums") Quorums quorums) {
    forEach(Kind.BIG, quorums, (a, sizeA) -> forEach(Kind.BIG, quorums, (b, sizeB) ->
        assertTrue(sizeA + sizeB - quorums.n() >= quorums.f() + 1,
            quorums + ": " + a + " and " + b + " may share no correct replica")));
  }

  /** Enumeration for every n <= 10: each pair of big certificates, every faulty set. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void twoBigCertificatesShareACorrectReplicaExhaustively(
      @ForAll @IntRange(min = 1, max = 10) int n) {
    Quorums quorums = Quorums.forReplicas(n);
    forEach(Kind.BIG, quorums, (a, sizeA) -> forEach(Kind.BIG, quorums, (b, sizeB) ->
        assertEquals(0, pairsSharingOnlyFaulty(n, quorums.f(), sizeA, sizeB),
            quorums + ": " + a + " and " + b)));
  }

  /**
   * A read-only request is answered without ordering; the client's quorum of matching replies
   * must meet the commit quorum of every operation committed before it in a correct replica.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void readOnlyReplyQuorumMeetsEveryCommitQuorumInACorrectReplica(
      @ForAll @IntRange(min = 1, max = 10) int n) {
    Quorums quorums = Quorums.forReplicas(n);
    assertEquals(0,
        pairsSharingOnlyFaulty(n, quorums.f(), quorums.readOnlyReply(), quorums.commits()),
        quorums.toString());
    assertTrue(quorums.readOnlyReply() + quorums.commits() - n >= quorums.f() + 1);
  }

  @Property
  void aWeakCertificateContainsACorrectReplica(@ForAll("quorums") Quorums quorums) {
    forEach(Kind.WEAK, quorums, (name, size) -> assertTrue(size > quorums.f(),
        quorums + ": " + name + " of " + size + " may be all faulty"));
  }

  /** Enumeration for every n <= 10: no weak certificate fits inside a faulty set. */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void aWeakCertificateContainsACorrectReplicaExhaustively(
      @ForAll @IntRange(min = 1, max = 10) int n) {
    Quorums quorums = Quorums.forReplicas(n);
    forEach(Kind.WEAK, quorums, (name, size) -> {
      for (int[] members : faultySets(n, quorums.f())) {
        long faulty = mask(members);
        for (int[] certificate : new Combinations(n, size)) {
          if ((mask(certificate) & ~faulty) == 0) {
            fail(quorums + ": " + name + " " + Arrays.toString(certificate) + " is all faulty");
          }
        }
      }
    });
  }

  /** Liveness: the correct replicas can form every certificate without the faulty ones. */
  @Property
  void everyCertificateCanBeFormedByCorrectReplicasAlone(@ForAll("quorums") Quorums quorums) {
    for (Kind kind : Kind.values()) {
      forEach(kind, quorums, (name, size) -> assertTrue(size <= quorums.n() - quorums.f(),
          quorums + ": " + name + " needs " + size + " of " + (quorums.n() - quorums.f())
              + " correct replicas"));
    }
  }

  @Provide
  Arbitrary<Quorums> quorums() {
    Arbitrary<Quorums> largest = Arbitraries.integers().between(1, 300).map(Quorums::forReplicas);
    Arbitrary<Quorums> larger = Arbitraries.integers().between(0, 60).flatMap(f ->
        Arbitraries.integers().between(3 * f + 1, 3 * f + 60).map(n -> new Quorums(n, f)));
    return Arbitraries.oneOf(largest, larger);
  }

  /** Pairs of sets of sizes a and b among n that share only faulty replicas, any f faulty. */
  private static long pairsSharingOnlyFaulty(int n, int f, int a, int b) {
    long count = 0;
    for (int[] first : new Combinations(n, a)) {
      long x = mask(first);
      for (int[] second : new Combinations(n, b)) {
        if (Long.bitCount(x & mask(second)) <= f) {
          count++;
        }
      }
    }
    return count;
  }

  private static Iterable<int[]> faultySets(int n, int f) {
    return f == 0 ? List.of(new int[0]) : new Combinations(n, f);
  }

  private static long mask(int[] members) {
    long mask = 0;
    for (int id : members) {
      mask |= 1L << id;
    }
    return mask;
  }

  interface SizeCheck {
    void check(String name, int size);
  }

  private static void forEach(Kind kind, Quorums quorums, SizeCheck check) {
    THRESHOLDS.forEach((name, threshold) -> {
      if (threshold.kind() == kind) {
        check.check(name, threshold.size().applyAsInt(quorums));
      }
    });
  }
}
