package org.pbft.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pbft.crypto.Hmac;

/**
 * HMAC-SHA256 of a small message and of a 1 KiB one: every frame pays one for its link MAC,
 * and a client request n more for its authenticator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HmacBenchmark {
  @Param({"100", "1024"})
  public int bytes;

  private byte[] key;
  private byte[] data;

  @Setup
  public void setUp() {
    Random seeded = new Random(42);
    key = new byte[Hmac.KEY_BYTES];
    seeded.nextBytes(key);
    data = new byte[bytes];
    seeded.nextBytes(data);
  }

  @Benchmark
  public byte[] mac() {
    return Hmac.mac(key, data);
  }
}
