package org.pbft.node;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.pbft.core.Replica;
import org.pbft.wire.SecureChannel;

/**
 * Turns a replica's whole state into bytes and back, with Kryo: the object graph of the core
 * (every field of every handler, the log, the checkpoints, the service) is copied as it is, so
 * that a replica restored from a snapshot is the replica that wrote it, field for field, without
 * a hand-written list of fields that could miss one. {@code SnapshotCodecTest} runs simulations
 * that snapshot and restore every replica every few steps and get the same runs. The bytes are
 * only read by the build that wrote them ({@link BuildFingerprint}).
 *
 * <p>Not thread-safe: one codec per event loop.
 */
final class SnapshotCodec {
  /** What a snapshot holds: the core, the process's clocks and counters, the channel's memory. */
  record State(Replica replica, long lamport, long ticks, long traceEvents,
      long executedBatches, long executedRequests, SecureChannel.Memory channel) {}

  private final Kryo kryo = new Kryo();

  SnapshotCodec() {
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
  }

  byte[] encode(State state) {
    Output out = new Output(1 << 16, -1);
    kryo.writeObject(out, state);
    return out.toBytes();
  }

  /** @throws IllegalArgumentException if the bytes are not a snapshot this build wrote */
  State decode(byte[] bytes) {
    try {
      return kryo.readObject(new Input(bytes), State.class);
    } catch (KryoException | ClassCastException e) {
      throw new IllegalArgumentException("undecodable snapshot: " + e.getMessage(), e);
    }
  }
}
