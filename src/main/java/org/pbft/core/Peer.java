package org.pbft.core;

import java.util.List;

/**
 * A replica as the simulator and a replica process drive it: it consumes inputs and returns
 * effects. A correct peer is a {@link Replica}; a Byzantine peer is a scripted strategy
 * (org.pbft.sim.byzantine).
 */
public interface Peer {

  int id();

  List<Effect> step(Input input);

  /**
   * The correct replica this peer runs, for the checkers to read where it stands; empty for a
   * Byzantine peer.
   */
  default java.util.Optional<Replica> correctReplica() {
    return java.util.Optional.empty();
  }

  /** A correct replica whose steps the checkers judge; a Byzantine peer wraps one and returns it
   * only if it is correct. */
  static Peer correct(Replica replica) {
    return new CorrectPeer(replica);
  }

  /** A correct replica. */
  record CorrectPeer(Replica replica) implements Peer {
    @Override
    public int id() {
      return replica.id();
    }

    @Override
    public List<Effect> step(Input input) {
      return replica.step(input);
    }

    @Override
    public java.util.Optional<Replica> correctReplica() {
      return java.util.Optional.of(replica);
    }
  }
}
