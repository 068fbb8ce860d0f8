package org.pbft.sim;

import java.util.List;
import org.pbft.core.Effect;
import org.pbft.core.Input;

/**
 * A replica as the simulator sees it: it consumes inputs and returns effects. A correct peer is a
 * {@link org.pbft.core.Replica}; a Byzantine peer is a scripted strategy.
 */
public interface Peer {

  int id();

  List<Effect> step(Input input);

  /** A correct replica whose steps the checkers judge; a Byzantine peer wraps one and returns it
   * only if it is correct. */
  static Peer correct(org.pbft.core.Replica replica) {
    return new CorrectPeer(replica);
  }

  /** A correct replica. */
  record CorrectPeer(org.pbft.core.Replica replica) implements Peer {
    @Override
    public int id() {
      return replica.id();
    }

    @Override
    public List<Effect> step(Input input) {
      return replica.step(input);
    }
  }
}
