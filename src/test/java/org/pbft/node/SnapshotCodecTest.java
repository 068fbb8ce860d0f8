package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Peer;
import org.pbft.core.Replica;
import org.pbft.service.KeyValueStore;
import org.pbft.sim.RunResult;
import org.pbft.sim.SimParams;
import org.pbft.sim.Simulation;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.trace.TraceSink;
import org.pbft.wire.SecureChannel;

/**
 * A replica restored from a snapshot is the replica that wrote it: simulations in which every
 * correct replica is snapshotted and replaced by its restored copy every few steps produce the
 * same runs as without, and at each such step the copy's effects equal the original's. A
 * restore from a stale snapshot is caught by the same check.
 */
class SnapshotCodecTest {
  private static final SecureChannel.Memory NO_MEMORY =
      new SecureChannel.Memory(Map.of(), Map.of(), Map.of());

  /** Effects as bytes, without Kryo's back-references, so that equal effects give equal bytes. */
  private static byte[] flat(List<Effect> effects) {
    Kryo k = new Kryo();
    k.setRegistrationRequired(false);
    k.setReferences(false);
    k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ImmutableCollectionsSerializers.addDefaultSerializers(k);
    Output out = new Output(1 << 12, -1);
    k.writeClassAndObject(out, effects);
    return out.toBytes();
  }

  /** A correct replica replaced by a copy restored from its own snapshot every fifth step. */
  private static final class Restoring implements Peer {
    private final SnapshotCodec codec = new SnapshotCodec();
    private final boolean stale;
    private Replica replica;
    private byte[] previous;
    private long steps;
    int restores;

    Restoring(Replica replica, boolean stale) {
      this.replica = replica;
      this.stale = stale;
    }

    @Override
    public int id() {
      return replica.id();
    }

    @Override
    public java.util.Optional<Replica> correctReplica() {
      return java.util.Optional.of(replica);
    }

    @Override
    public List<Effect> step(Input input) {
      steps++;
      byte[] now = codec.encode(new SnapshotCodec.State(replica, 0, 0, 0, 0, 0, NO_MEMORY));
      byte[] restoreFrom = stale && previous != null ? previous : now;
      previous = now;
      if (steps % 5 != 0) {
        return replica.step(input);
      }
      Replica copy = codec.decode(restoreFrom).replica();
      List<Effect> original = replica.step(input);
      List<Effect> restored = copy.step(input);
      if (!stale) {
        assertArrayEquals(flat(original), flat(restored), "effects differ at step " + steps);
      }
      restores++;
      replica = copy;
      return restored;
    }
  }

  private static RunResult run(long seed, String strategy, boolean restoring, boolean stale) {
    return new Simulation(seed, SimParams.defaults(), Strategies.byName(strategy).orElseThrow(),
        restoring ? (id, config) -> new Restoring(new Replica(id, config, new KeyValueStore()),
            stale) : Simulation.PeerFactory.CORRECT, TraceSink.NONE).run();
  }

  @Test
  void restoredReplicasRunExactlyAsTheOriginals() {
    for (String strategy : Strategies.names()) {
      for (long seed = 1; seed <= 3; seed++) {
        RunResult plain = run(seed, strategy, false, false);
        RunResult restored = run(seed, strategy, true, false);
        assertEquals(List.of(), restored.violations(), strategy + " seed " + seed);
        assertEquals(plain.toString(), restored.toString(), strategy + " seed " + seed);
      }
    }
  }

  @Test
  void aRestoreFromAStaleSnapshotIsCaught() {
    RunResult plain = run(1, "equivocate", false, false);
    RunResult stale = run(1, "equivocate", true, true);
    assertNotEquals(plain.toString(), stale.toString());
  }
}
