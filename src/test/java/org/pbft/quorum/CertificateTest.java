package org.pbft.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;
import org.pbft.core.Quorums;
import org.pbft.quorum.QuorumsThresholdsTest.Kind;

/**
 * The acceptance rule {@link Certificate}: it counts distinct senders, so with at most f faulty
 * replicas anything it accepts at a Quorums threshold contains a correct replica, and two
 * conflicting values cannot both reach a big threshold.
 */
class CertificateTest {

  /** The rule under test: messages from these senders, repetitions allowed, reach t. */
  private static final BiPredicate<Integer, List<Integer>> CERTIFICATE = Certificate::accepts;

  /** A broken rule, to show the checks can fail: it counts messages, not senders. */
  private static final BiPredicate<Integer, List<Integer>> COUNTS_MESSAGES =
      (threshold, senders) -> senders.size() >= threshold;

  @Example
  void duplicatesFromOneReplicaCountOnce() {
    Certificate c = Certificate.empty(3).withAll(List.of(2, 2, 2, 0, 0));
    assertEquals(2, c.count());
    assertFalse(c.complete());
    assertSame(c, c.with(2));
    assertTrue(c.with(1).complete());
    assertEquals(Set.of(0, 1, 2), c.with(1).senders());
  }

  @Example
  void isImmutable() {
    Certificate empty = Certificate.empty(2);
    Certificate one = empty.with(5);
    assertEquals(0, empty.count());
    assertEquals(1, one.count());
    assertThrows(UnsupportedOperationException.class, () -> one.senders().add(7));
    assertEquals(one, Certificate.empty(2).with(5).with(5));
    assertEquals("Certificate[5] 1/2", one.toString());
  }

  @Example
  void rejectsBadThresholdsAndIds() {
    assertThrows(IllegalArgumentException.class, () -> Certificate.empty(0));
    assertThrows(IllegalArgumentException.class, () -> Certificate.empty(1).with(-1));
  }

  /** Prepared: the primary's PRE-PREPARE and PREPAREs from preparesFromBackups() backups. */
  @Example
  void preparedIsThePrePreparePlusQuorumMinusOneBackups() {
    Quorums quorums = new Quorums(4, 1);
    int primary = 0;
    List<Integer> backups = List.of(1, 2);
    assertEquals(quorums.preparesFromBackups(), backups.size());
    assertTrue(Certificate.empty(quorums.quorum()).with(primary).withAll(backups).complete());
    assertFalse(Certificate.empty(quorums.quorum()).with(primary).withAll(List.of(1, 1))
        .complete());
  }

  @Property
  void acceptsExactlyWhenEnoughDistinctReplicasSent(
      @ForAll @IntRange(min = 1, max = 20) int threshold,
      @ForAll List<@IntRange(min = 0, max = 30) Integer> senders) {
    Certificate c = Certificate.empty(threshold).withAll(senders);
    assertEquals(new TreeSet<>(senders), c.senders());
    assertEquals(new TreeSet<>(senders).size() >= threshold, c.complete());
    List<Integer> reversed = new ArrayList<>(senders);
    java.util.Collections.reverse(reversed);
    assertEquals(c, Certificate.empty(threshold).withAll(reversed));
  }

  /** Any certificate accepted at a weak or big threshold contains a correct replica. */
  @Property(tries = 1000)
  @StatisticsReport(StatisticsReportMode.OFF)
  void anAcceptedCertificateContainsACorrectReplica(@ForAll("messages") Messages m) {
    for (var threshold : QuorumsThresholdsTest.THRESHOLDS.entrySet()) {
      int size = threshold.getValue().size().applyAsInt(m.quorums());
      boolean accepted = Certificate.accepts(size, m.senders());
      Statistics.label(threshold.getValue().kind().name()).collect(accepted);
      if (accepted) {
        SortedSet<Integer> senders = Certificate.empty(size).withAll(m.senders()).senders();
        assertFalse(ReplicaSets.minus(senders, m.faulty()).isEmpty(),
            m + ": " + threshold.getKey() + " accepted with only faulty senders " + senders);
      }
    }
    Statistics.label("duplicates").collect(m.senders().size() > new TreeSet<>(m.senders()).size());
    Statistics.label(Kind.WEAK.name()).coverage(c -> c.check(true).percentage(p -> p > 20));
    Statistics.label(Kind.BIG.name()).coverage(c -> c.check(true).percentage(p -> p > 5));
    Statistics.label("duplicates").coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  /** Any two certificates accepted at quorum() have a correct replica in common. */
  @Property(tries = 1000)
  @StatisticsReport(StatisticsReportMode.OFF)
  void twoAcceptedBigCertificatesShareACorrectReplica(
      @ForAll("messages") Messages m, @ForAll("moreSenders") List<Integer> more) {
    int quorum = m.quorums().quorum();
    List<Integer> other = more.stream().map(id -> id % m.quorums().n()).toList();
    Certificate a = Certificate.empty(quorum).withAll(m.senders());
    Certificate b = Certificate.empty(quorum).withAll(other);
    boolean both = a.complete() && b.complete();
    Statistics.label("both accepted").collect(both);
    if (both) {
      SortedSet<Integer> shared = ReplicaSets.intersection(a.senders(), b.senders());
      assertFalse(ReplicaSets.minus(shared, m.faulty()).isEmpty(),
          m + ": " + a + " and " + b + " share only faulty " + shared);
    }
    Statistics.label("both accepted").coverage(c -> c.check(true).percentage(p -> p > 5));
  }

  /**
   * Correct replicas vote for at most one of two conflicting values, faulty ones for both, and
   * any replica's messages may be repeated: the two values never both reach a big threshold.
   */
  @Property(tries = 1000)
  @StatisticsReport(StatisticsReportMode.OFF)
  void conflictingValuesCannotBothGetABigCertificate(@ForAll("votes") Votes v) {
    Quorums quorums = v.messages().quorums();
    for (var threshold : QuorumsThresholdsTest.THRESHOLDS.entrySet()) {
      if (threshold.getValue().kind() != Kind.BIG) {
        continue;
      }
      int size = threshold.getValue().size().applyAsInt(quorums);
      boolean forA = Certificate.accepts(size, v.sendersFor(1));
      boolean forB = Certificate.accepts(size, v.sendersFor(2));
      Statistics.label("one value accepted").collect(forA || forB);
      assertFalse(forA && forB, v + ": both values reach " + threshold.getKey());
    }
    Statistics.label("one value accepted").coverage(c -> c.check(true).percentage(p -> p > 5));
  }

  /**
   * The same question asked exhaustively for n = 4 and 7: every way the correct replicas can
   * split their votes, faulty replicas voting for both. At quorum() no split certifies both
   * values; at weak() the search finds one, so the search can fail.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void conflictingValuesReachQuorumOnlyIfTheThresholdIsBig(
      @ForAll @IntRange(min = 1, max = 2) int f) {
    Quorums quorums = new Quorums(3 * f + 1, f);
    assertEquals(Optional.empty(), splitCertifyingBoth(quorums, quorums.quorum()));
    Optional<List<Integer>> split = splitCertifyingBoth(quorums, quorums.weak());
    assertTrue(split.isPresent(), "no split of votes certifies both values at weak()");
  }

  /**
   * Exhaustive over every message sequence of the faulty replicas alone, up to each threshold:
   * Certificate accepts none, while a rule that counts messages instead of senders accepts one,
   * so the property above can fail.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  void countingMessagesInsteadOfSendersIsCaught(@ForAll @IntRange(min = 1, max = 3) int f) {
    Quorums quorums = new Quorums(3 * f + 1, f);
    for (var threshold : QuorumsThresholdsTest.THRESHOLDS.entrySet()) {
      int size = threshold.getValue().size().applyAsInt(quorums);
      assertEquals(Optional.empty(), acceptedFromFaultyOnly(CERTIFICATE, f, size),
          threshold.getKey());
      Optional<List<Integer>> broken = acceptedFromFaultyOnly(COUNTS_MESSAGES, f, size);
      assertTrue(broken.isPresent(), threshold.getKey());
      assertEquals(size, broken.orElseThrow().size());
    }
  }

  /** Replicas 0..f-1 are faulty; the first sequence of their messages the rule accepts. */
  private static Optional<List<Integer>> acceptedFromFaultyOnly(
      BiPredicate<Integer, List<Integer>> rule, int f, int threshold) {
    List<List<Integer>> sequences = List.of(List.of());
    for (int length = 1; length <= threshold; length++) {
      List<List<Integer>> longer = new ArrayList<>();
      for (List<Integer> sequence : sequences) {
        for (int sender = 0; sender < f; sender++) {
          List<Integer> next = new ArrayList<>(sequence);
          next.add(sender);
          if (rule.test(threshold, next)) {
            return Optional.of(next);
          }
          longer.add(next);
        }
      }
      sequences = longer;
    }
    return Optional.empty();
  }

  /**
   * Replicas 0..f-1 are faulty and vote for both values; every correct replica votes 0 (none),
   * 1 or 2. The first split, as the votes of the correct replicas, that certifies both.
   */
  private static Optional<List<Integer>> splitCertifyingBoth(Quorums quorums, int threshold) {
    int correct = quorums.n() - quorums.f();
    int splits = (int) Math.pow(3, correct);
    for (int split = 0; split < splits; split++) {
      List<Integer> votes = new ArrayList<>();
      for (int i = 0, rest = split; i < correct; i++, rest /= 3) {
        votes.add(rest % 3);
      }
      Votes v = new Votes(new Messages(quorums, faultyPrefix(quorums.f()), List.of()), votes,
          ReplicaSets.replicas(quorums.n()));
      if (Certificate.accepts(threshold, v.sendersFor(1))
          && Certificate.accepts(threshold, v.sendersFor(2))) {
        return Optional.of(votes);
      }
    }
    return Optional.empty();
  }

  private static SortedSet<Integer> faultyPrefix(int f) {
    return new TreeSet<>(ReplicaSets.replicas(f));
  }

  /** A system, its faulty replicas, and the senders of some matching messages. */
  record Messages(Quorums quorums, SortedSet<Integer> faulty, List<Integer> senders) {}

  /**
   * Votes of the correct replicas in id order (0 none, 1 or 2) and a stream of senders; the
   * messages for a value are those of the stream whose sender may vote for it.
   */
  record Votes(Messages messages, List<Integer> correctVotes, List<Integer> stream) {
    List<Integer> sendersFor(int value) {
      SortedSet<Integer> faulty = messages.faulty();
      List<Integer> correct = ReplicaSets.minus(ReplicaSets.replicas(messages.quorums().n()),
          faulty).stream().toList();
      Set<Integer> voters = new TreeSet<>(faulty);
      for (int i = 0; i < correct.size(); i++) {
        if (correctVotes.get(i) == value) {
          voters.add(correct.get(i));
        }
      }
      return stream.stream().filter(voters::contains).collect(Collectors.toList());
    }
  }

  @Provide
  Arbitrary<Messages> messages() {
    return Arbitraries.integers().between(1, 10).flatMap(f ->
        Arbitraries.integers().between(3 * f + 1, 3 * f + 3).flatMap(n -> {
          Quorums quorums = new Quorums(n, f);
          return ReplicaSets.upTo(n, f).flatMap(faulty -> senders(n, faulty)
              .map(senders -> new Messages(quorums, faulty, senders)));
        }));
  }

  @Provide
  Arbitrary<List<Integer>> moreSenders() {
    return Arbitraries.integers().between(0, 1000).list().ofMaxSize(60);
  }

  /** Most correct replicas favour one value, so that one often reaches a big threshold. */
  @Provide
  Arbitrary<Votes> votes() {
    return messages().flatMap(m -> Arbitraries.of(1, 2).flatMap(favourite -> {
      int n = m.quorums().n();
      Arbitrary<Integer> vote = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(favourite)),
          Tuple.of(1, Arbitraries.just(3 - favourite)), Tuple.of(1, Arbitraries.just(0)));
      return Combinators.combine(
          vote.list().ofSize(n - m.faulty().size()),
          Arbitraries.integers().between(0, n - 1).list().ofMinSize(2 * n).ofMaxSize(5 * n))
          .as((votes, stream) -> new Votes(m, votes, stream));
    }));
  }

  /** Senders drawn half the time from the faulty replicas, so they repeat often. */
  private static Arbitrary<List<Integer>> senders(int n, SortedSet<Integer> faulty) {
    Arbitrary<Integer> anyone = Arbitraries.integers().between(0, n - 1);
    Arbitrary<Integer> sender = faulty.isEmpty() ? anyone : Arbitraries.frequencyOf(
        Tuple.of(1, anyone), Tuple.of(1, Arbitraries.of(faulty)));
    return sender.list().ofMaxSize(3 * n);
  }
}
