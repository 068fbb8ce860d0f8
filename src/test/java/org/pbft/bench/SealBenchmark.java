package org.pbft.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code SecureChannel.seal} of each {@link WireSample}, a new counter every time as a sender
 * does.
 *
 * <p>Steady state: a channel keeps the signatures it made (and the ones it verified), so only
 * the first seal of a message signs it; this measures the seals after that one, which is what
 * the n - 1 frames of a multicast cost but the first. The first seal costs about one
 * {@link Ed25519Benchmark#sign100Bytes} more per part the sender signs itself: none in a COMMIT
 * or a REQUEST, one in a PREPARE or a PRE-PREPARE, three in the VIEW-CHANGE (itself, and the
 * sender's CHECKPOINT and PREPARE inside it). A client has no such cache: sealing a REQUEST
 * computes its authenticator, n HMACs, every time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SealBenchmark {
  @Param
  public WireSample sample;

  private SampleFrames frames;
  private long counter;

  @Setup
  public void setUp() {
    frames = new SampleFrames(sample);
    frames.seal(++counter); // signs once, and checks the frame carries no zeros
  }

  @Benchmark
  public byte[] seal() {
    return frames.sender.seal(frames.sample.to, BenchCluster.INCARNATION, ++counter,
        BenchCluster.LAMPORT, frames.sample.message);
  }
}
