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
 * {@code SecureChannel.open} of each {@link WireSample} by a receiver that has never seen it
 * (cache cold): every signature in the frame is verified, as on the first delivery of a message
 * or of a certificate. The code is JIT-compiled as usual; only the receiver is new.
 * {@link OpenWarmCacheBenchmark} is the steady state.
 *
 * <p>Each call gets a new receiver, made in a per-invocation setup so that making it is not
 * measured; being new, it accepts the one pre-sealed frame (counter 1) every time. A
 * per-invocation setup makes JMH read the clock around every call, which JMH warns about for
 * calls this short: the cost (tens of nanoseconds) shows as the difference between this
 * benchmark and the steady one for COMMIT and REQUEST, which carry no signature and so do the
 * same work in both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OpenColdCacheBenchmark {
  @Param
  public WireSample sample;

  private SampleFrames frames;
  private byte[] frame;
  private SecureChannel receiver;

  @Setup(Level.Trial)
  public void sealFrame() {
    frames = new SampleFrames(sample);
    frame = frames.seal(1);
  }

  @Setup(Level.Invocation)
  public void newReceiver() {
    receiver = frames.newReceiver();
  }

  @Benchmark
  public Frame open() throws WireException {
    return receiver.open(frame);
  }
}
