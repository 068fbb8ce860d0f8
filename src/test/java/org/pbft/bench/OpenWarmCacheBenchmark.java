package org.pbft.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pbft.wire.Frame;
import org.pbft.wire.SecureChannel;
import org.pbft.wire.WireException;

/**
 * {@code SecureChannel.open} of each {@link WireSample} in the steady state: the receiver has
 * verified the signatures of the message before (it caches them), so it checks the link MAC,
 * decodes, hashes each signed part to find its signature in the cache, and checks its entry of
 * every request authenticator (those are never cached). {@link OpenColdCacheBenchmark} is the
 * first open, which verifies every signature.
 *
 * <p>The receiver refuses a frame whose counter is not above the last one it accepted, so the
 * frames are sealed beforehand with counters 1..{@value #RING} (sealing is not measured). When
 * the ring is used up, a new receiver takes over, warmed by opening the frame with counter 0.
 * That warm-up is inside the measurement, once per {@value #RING} opens: it adds at most
 * (first open - steady open) / {@value #RING} to the score, under 1% for the VIEW-CHANGE (seven
 * signatures, the largest gap) and far less for the rest. Each iteration also starts with a
 * new warmed receiver, so that no iteration inherits a half-used ring.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OpenWarmCacheBenchmark {
  static final int RING = 4096;

  @Param
  public WireSample sample;

  private SampleFrames frames;
  private byte[] warmUpFrame;
  private byte[][] ring;
  private SecureChannel receiver;
  private int next;

  @Setup(Level.Trial)
  public void sealFrames() {
    frames = new SampleFrames(sample);
    warmUpFrame = frames.seal(0);
    ring = new byte[RING][];
    for (int i = 0; i < RING; i++) {
      ring[i] = frames.seal(i + 1);
    }
  }

  @Setup(Level.Iteration)
  public void newWarmReceiver() {
    receiver = frames.receiverThatOpened(warmUpFrame);
    next = 0;
  }

  @Benchmark
  public Frame open() throws WireException {
    if (next == RING) {
      newWarmReceiver();
    }
    return receiver.open(ring[next++]);
  }
}
