package org.pbft.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;

/**
 * What a replica's log holds for one (view, sequence number): the PRE-PREPARE it accepted (sent,
 * if primary), the PREPAREs and COMMITs received (its own included), and whether it is prepared.
 * One message per sender: a faulty replica's second, different vote is not counted.
 */
final class Slot {
  final long view;
  final long seq;
  private PrePrepare prePrepare;
  private final Map<Integer, Prepare> prepares = new TreeMap<>();
  private final Map<Integer, Commit> commits = new TreeMap<>();
  private boolean prepared;

  Slot(long view, long seq) {
    this.view = view;
    this.seq = seq;
  }

  PrePrepare prePrepare() {
    return prePrepare;
  }

  void accept(PrePrepare pp) {
    assert prePrepare == null : "at most one pre-prepare per (v, n)";
    prePrepare = pp;
  }

  boolean hasPrepareFrom(int replica) {
    return prepares.containsKey(replica);
  }

  /** The PREPARE of {@code replica} in this slot, or null. */
  Prepare prepareFrom(int replica) {
    return prepares.get(replica);
  }

  void addPrepare(Prepare p) {
    prepares.putIfAbsent(p.replica(), p);
  }

  boolean hasCommitFrom(int replica) {
    return commits.containsKey(replica);
  }

  /** The COMMIT of {@code replica} in this slot, or null. */
  Commit commitFrom(int replica) {
    return commits.get(replica);
  }

  void addCommit(Commit c) {
    commits.putIfAbsent(c.replica(), c);
  }

  /** PREPAREs matching d from backups of this view (the primary's would not count). */
  List<Prepare> matchingPrepares(Digest d, int primary) {
    return prepares.values().stream()
        .filter(p -> p.replica() != primary && p.digest().equals(d))
        .toList();
  }

  int matchingCommits(Digest d) {
    int matching = 0;
    for (Commit c : commits.values()) {
      if (c.digest().equals(d)) {
        matching++;
      }
    }
    return matching;
  }

  /** The replica sent COMMIT: PBFT.tla!Prepared. */
  boolean prepared() {
    return prepared;
  }

  void markPrepared() {
    prepared = true;
  }
}
