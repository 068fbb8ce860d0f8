package org.pbft.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pbft.core.message.PreparedCertificate;

/**
 * A replica's message log: slots by sequence number, then view. Entries of earlier views stay
 * until garbage collection, because a VIEW-CHANGE reports the highest-view certificate at each
 * sequence number above the stable checkpoint.
 */
final class MessageLog {
  private final TreeMap<Long, TreeMap<Long, Slot>> bySeq = new TreeMap<>();

  Slot slot(long view, long seq) {
    return bySeq.computeIfAbsent(seq, s -> new TreeMap<>())
        .computeIfAbsent(view, v -> new Slot(v, seq));
  }

  Optional<Slot> find(long view, long seq) {
    TreeMap<Long, Slot> views = bySeq.get(seq);
    return Optional.ofNullable(views == null ? null : views.get(view));
  }

  /** A slot at {@code seq} that is committed-local (PBFT.tla!CommittedLocal), in any view. */
  Optional<Slot> committedLocal(long seq, int commitQuorum) {
    TreeMap<Long, Slot> views = bySeq.get(seq);
    if (views == null) {
      return Optional.empty();
    }
    // a loop, not a stream: the progress loop asks this after every action of every step
    for (Slot s : views.values()) {
      if (s.prepared() && s.matchingCommits(s.prePrepare().digest()) >= commitQuorum) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * PBFT.tla!PreparedSet: for each sequence number above {@code h} at which this replica is
   * prepared, the certificate of the highest view.
   */
  List<PreparedCertificate> preparedCertificates(long h, ReplicaConfig config) {
    List<PreparedCertificate> certs = new ArrayList<>();
    for (Map.Entry<Long, TreeMap<Long, Slot>> e : bySeq.tailMap(h, false).entrySet()) {
      e.getValue().descendingMap().values().stream()
          .filter(Slot::prepared)
          .findFirst()
          .ifPresent(s -> certs.add(certificate(s, config)));
    }
    return certs;
  }

  private static PreparedCertificate certificate(Slot s, ReplicaConfig config) {
    var prepares = s.matchingPrepares(s.prePrepare().digest(), config.primary(s.view));
    int needed = config.quorums().preparesFromBackups();
    return new PreparedCertificate(s.prePrepare(), prepares.subList(0, needed));
  }

  /** The highest sequence number at which this replica is prepared in some view, or 0. */
  long highestPrepared() {
    for (var e : bySeq.descendingMap().entrySet()) {
      if (e.getValue().values().stream().anyMatch(Slot::prepared)) {
        return e.getKey();
      }
    }
    return 0;
  }

  /** Whether the log holds an entry of {@code view} at a sequence number above {@code n}. */
  boolean hasSlotAbove(long view, long n) {
    return bySeq.tailMap(n, false).values().stream().anyMatch(views -> views.containsKey(view));
  }

  /**
   * Whether the log holds a slot of {@code view} at or below {@code n} with a PRE-PREPARE that is
   * not prepared there: a sequence number executed in an earlier view that a NEW-VIEW carried
   * into this one, whose COMMIT of this view the others may still wait for.
   */
  boolean hasUnpreparedSlotUpTo(long view, long n) {
    return bySeq.headMap(n, true).values().stream().map(views -> views.get(view))
        .anyMatch(slot -> slot != null && slot.prePrepare() != null && !slot.prepared());
  }

  /** Discards every entry at or below the stable checkpoint {@code h}. */
  void collectGarbage(long h) {
    bySeq.headMap(h, true).clear();
  }

  /** Sequence numbers with any entry, for tests of garbage collection. */
  List<Long> sequenceNumbers() {
    return List.copyOf(bySeq.keySet());
  }
}
