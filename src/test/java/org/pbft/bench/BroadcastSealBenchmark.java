package org.pbft.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pbft.config.NodeId;

/**
 * The primary's PRE-PREPARE of 64 requests to its three backups: sealed once for all of them
 * ({@code SecureChannel.sealEach}, what a replica does) against three seals, one per backup
 * (what it did before). Steady state: the primary's signature is cached after the first seal,
 * so the difference is the encoding and the digests of the signed part and of each request's
 * authenticator key, done once instead of three times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BroadcastSealBenchmark {
  private static final List<NodeId> BACKUPS =
      List.of(NodeId.replica(1), NodeId.replica(2), NodeId.replica(3));

  private SampleFrames frames;
  private long counter;

  @Setup
  public void setUp() {
    frames = new SampleFrames(WireSample.PRE_PREPARE_64);
    frames.seal(++counter);
  }

  @Benchmark
  public byte[][] sealOnceForThree() {
    return frames.sender.sealEach(BACKUPS, BenchCluster.INCARNATION,
        new long[] {++counter, ++counter, ++counter}, BenchCluster.LAMPORT,
        frames.sample.message);
  }

  @Benchmark
  public byte[][] sealThreeTimes() {
    byte[][] out = new byte[3][];
    for (int i = 0; i < 3; i++) {
      out[i] = frames.sender.seal(BACKUPS.get(i), BenchCluster.INCARNATION, ++counter,
          BenchCluster.LAMPORT, frames.sample.message);
    }
    return out;
  }
}
