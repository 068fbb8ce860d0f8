package org.pbft.quorum;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Sets of replica ids {@code 0..n-1}: random ones for properties, and set arithmetic. */
final class ReplicaSets {

  private ReplicaSets() {}

  static List<Integer> replicas(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  /** A uniformly random set of {@code size} distinct replicas among {@code n}. */
  static Arbitrary<SortedSet<Integer>> ofSize(int n, int size) {
    return Arbitraries.shuffle(replicas(n)).map(order -> new TreeSet<>(order.subList(0, size)));
  }

  /** A random set of at most {@code maxSize} distinct replicas among {@code n}. */
  static Arbitrary<SortedSet<Integer>> upTo(int n, int maxSize) {
    return Arbitraries.integers().between(0, maxSize).flatMap(size -> ofSize(n, size));
  }

  /** A random set of {@code size} members of {@code from}. */
  static Arbitrary<SortedSet<Integer>> ofSizeFrom(Collection<Integer> from, int size) {
    return Arbitraries.shuffle(new ArrayList<>(from))
        .map(order -> new TreeSet<>(order.subList(0, size)));
  }

  static SortedSet<Integer> intersection(Collection<Integer> a, Collection<Integer> b) {
    TreeSet<Integer> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  static SortedSet<Integer> minus(Collection<Integer> a, Collection<Integer> b) {
    TreeSet<Integer> rest = new TreeSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  static long mask(Collection<Integer> ids) {
    long mask = 0;
    for (int id : ids) {
      mask |= 1L << id;
    }
    return mask;
  }
}
