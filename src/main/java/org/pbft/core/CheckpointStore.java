package org.pbft.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;

/**
 * CHECKPOINTs received above the stable checkpoint, the replica's own checkpointed states (to
 * serve state transfer), and the stable checkpoint with its proof (C in VIEW-CHANGE).
 *
 * <p>Bounded: inside the window (h, h + L] one CHECKPOINT per sender and sequence number, above
 * it only each sender's highest (which is what tells a replica that is behind where the others
 * are; {@link Checkpointing#onCheckpoint} keeps it so). At most n * (L / K + 1) in all, whatever
 * faulty replicas send.
 */
final class CheckpointStore {
  private final TreeMap<Long, Map<Integer, Checkpoint>> received = new TreeMap<>();
  private final TreeMap<Long, byte[]> ownStates = new TreeMap<>();
  private CertifiedCheckpoint stable;

  CheckpointStore(Digest initialState, byte[] initialBytes) {
    stable = new CertifiedCheckpoint(0, initialState, List.of());
    ownStates.put(0L, initialBytes);
  }

  CertifiedCheckpoint stable() {
    return stable;
  }

  /** Records {@code c}; false if its sender already sent one for that sequence number. */
  boolean add(Checkpoint c) {
    return received.computeIfAbsent(c.seq(), s -> new TreeMap<>())
        .putIfAbsent(c.replica(), c) == null;
  }

  /** The CHECKPOINT of {@code sender} held above {@code windowTop}, if any (at most one). */
  Optional<Checkpoint> aheadOf(int sender, long windowTop) {
    for (Map<Integer, Checkpoint> bySender : received.tailMap(windowTop, false).values()) {
      Checkpoint c = bySender.get(sender);
      if (c != null) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Forgets {@code c} (replaced by a newer CHECKPOINT of its sender). */
  void remove(Checkpoint c) {
    Map<Integer, Checkpoint> bySender = received.get(c.seq());
    if (bySender != null && bySender.remove(c.replica(), c) && bySender.isEmpty()) {
      received.remove(c.seq());
    }
  }

  /** CHECKPOINTs held, for tests of the bound. */
  int size() {
    return received.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * The CHECKPOINTs {@code self} sent above {@code above} whose state it holds: the stable one
   * (if its state is here, not still being fetched) and those above it not stable yet.
   */
  List<Checkpoint> ownCheckpoints(int self, long above) {
    List<Checkpoint> own = new ArrayList<>();
    if (stable.seq() > above && ownStates.containsKey(stable.seq())) {
      own.add(new Checkpoint(stable.seq(), stable.stateDigest(), self));
    }
    for (Map<Integer, Checkpoint> bySender
        : received.tailMap(Math.max(above, stable.seq()), false).values()) {
      Checkpoint c = bySender.get(self);
      if (c != null) {
        own.add(c);
      }
    }
    return own;
  }

  void recordOwnState(long seq, byte[] state) {
    ownStates.put(seq, state.clone());
  }

  Optional<byte[]> ownState(long seq) {
    return Optional.ofNullable(ownStates.get(seq)).map(byte[]::clone);
  }

  /**
   * The highest checkpoint above the stable one, at or below {@code maxSeq}, that 2f+1 matching
   * CHECKPOINTs certify.
   */
  Optional<CertifiedCheckpoint> highestCertified(long maxSeq, int quorum) {
    for (var e : received.descendingMap().entrySet()) {
      if (e.getKey() <= stable.seq() || e.getKey() > maxSeq || e.getValue().size() < quorum) {
        continue;
      }
      Map<Digest, List<Checkpoint>> byDigest = new TreeMap<>();
      for (Checkpoint c : e.getValue().values()) {
        byDigest.computeIfAbsent(c.stateDigest(), d -> new ArrayList<>()).add(c);
      }
      for (var votes : byDigest.entrySet()) {
        if (votes.getValue().size() >= quorum) {
          return Optional.of(new CertifiedCheckpoint(e.getKey(), votes.getKey(),
              votes.getValue().subList(0, quorum)));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code c} becomes the stable checkpoint: everything below it is garbage. */
  void stabilize(CertifiedCheckpoint c) {
    stable = c;
    received.headMap(c.seq(), true).clear();
    ownStates.headMap(c.seq(), false).clear();
  }
}
