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
import org.pbft.core.message.Batch;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Request;

/** The digest of a batch of 64 small requests, which the primary and every backup compute. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BatchDigestBenchmark {
  private List<Request> batch;

  @Setup
  public void setUp() {
    batch = SampleMessages.batch();
  }

  @Benchmark
  public Digest digest64Requests() {
    return Batch.digest(batch);
  }
}
