package org.pbft.quorum;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Matching messages from distinct replicas, accepted once {@code threshold} different replicas
 * have sent one. A replica that sends the same message many times counts once. Immutable.
 *
 * <p>The thresholds come from {@link org.pbft.core.Quorums}; which messages match (same view,
 * sequence number and digest) is for the caller to decide.
 *
 * <p>The rule on its own, for the quorum tests and the safety argument's step 2: the replica
 * applies it where it holds votes, keyed by sender ({@code Slot}, {@code CheckpointStore},
 * {@code ViewChangeStore}), and where it checks a certificate another replica sent
 * ({@code Certificates}, {@code NewViewCheck}); it does not call this class.
 */
public final class Certificate {

  private final int threshold;
  private final SortedSet<Integer> senders;

  private Certificate(int threshold, SortedSet<Integer> senders) {
    this.threshold = threshold;
    this.senders = senders;
  }

  /** No message yet. */
  public static Certificate empty(int threshold) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
    }
    return new Certificate(threshold, Collections.emptySortedSet());
  }

  /** Whether messages from {@code senders} (repetitions allowed) reach {@code threshold}. */
  public static boolean accepts(int threshold, Iterable<Integer> senders) {
    return empty(threshold).withAll(senders).complete();
  }

  /** This certificate with a message from {@code sender}; itself if the sender already counted. */
  public Certificate with(int sender) {
    if (sender < 0) {
      throw new IllegalArgumentException("replica ids are >= 0, got " + sender);
    }
    if (senders.contains(sender)) {
      return this;
    }
    TreeSet<Integer> more = new TreeSet<>(senders);
    more.add(sender);
    return new Certificate(threshold, Collections.unmodifiableSortedSet(more));
  }

  /** This certificate with a message from each of {@code senders}. */
  public Certificate withAll(Iterable<Integer> senders) {
    Certificate c = this;
    for (int sender : senders) {
      c = c.with(sender);
    }
    return c;
  }

  public int threshold() {
    return threshold;
  }

  /** The distinct replicas that sent a message. */
  public SortedSet<Integer> senders() {
    return senders;
  }

  /** How many distinct replicas sent a message. */
  public int count() {
    return senders.size();
  }

  /** At least {@code threshold} distinct replicas sent a message. */
  public boolean complete() {
    return senders.size() >= threshold;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Certificate c && c.threshold == threshold && c.senders.equals(senders);
  }

  @Override
  public int hashCode() {
    return 31 * threshold + senders.hashCode();
  }

  @Override
  public String toString() {
    return "Certificate" + senders + " " + senders.size() + "/" + threshold;
  }
}
