package org.pbft.wire;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pbft.config.NodeId;

/**
 * Remembers, per sender, the highest (incarnation, counter) accepted, and refuses frames not
 * strictly above it: a replayed frame, or any frame of an older run of the sender's process.
 * Acceptance is atomic, so two reader threads cannot both accept the same position.
 */
final class ReplayGuard {
  private record Position(long incarnation, long counter) {
    boolean isAbove(Position other) {
      return incarnation > other.incarnation
          || (incarnation == other.incarnation && counter > other.counter);
    }
  }

  private final Map<NodeId, Position> highest = new ConcurrentHashMap<>();

  /** A cheap early refusal, before decoding and verifying signatures. */
  void checkFresh(FrameHeader header) throws WireException {
    Position seen = highest.get(header.from());
    if (seen != null && !position(header).isAbove(seen)) {
      throw replayed(header, seen);
    }
  }

  /** Records the frame's position, or refuses it if it is no longer above the highest. */
  void accept(FrameHeader header) throws WireException {
    Position next = position(header);
    Position[] refusedBy = new Position[1];
    highest.compute(header.from(), (from, seen) -> {
      if (seen == null || next.isAbove(seen)) {
        return next;
      }
      refusedBy[0] = seen;
      return seen;
    });
    if (refusedBy[0] != null) {
      throw replayed(header, refusedBy[0]);
    }
  }

  /** Per sender, the highest {incarnation, counter} accepted. */
  Map<NodeId, long[]> positions() {
    Map<NodeId, long[]> out = new java.util.HashMap<>();
    highest.forEach((id, p) -> out.put(id, new long[] {p.incarnation(), p.counter()}));
    return out;
  }

  /** Raises each sender's highest position to the one given, where it is above. */
  void advanceTo(Map<NodeId, long[]> positions) {
    positions.forEach((id, p) -> highest.merge(id, new Position(p[0], p[1]),
        (seen, n) -> n.isAbove(seen) ? n : seen));
  }

  /** Raises the sender's highest position to the frame's, if it is above; never refuses. */
  void advanceTo(FrameHeader header) {
    Position next = position(header);
    highest.merge(header.from(), next, (seen, n) -> n.isAbove(seen) ? n : seen);
  }

  private static Position position(FrameHeader header) {
    return new Position(header.incarnation(), header.counter());
  }

  private static WireException replayed(FrameHeader header, Position seen) {
    return new WireException(DropReason.REPLAYED, "from " + header.from() + " incarnation "
        + header.incarnation() + " counter " + header.counter() + " is not above the accepted "
        + "incarnation " + seen.incarnation() + " counter " + seen.counter());
  }
}
