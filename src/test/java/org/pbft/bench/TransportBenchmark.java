package org.pbft.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.pbft.net.Cork;
import org.pbft.net.Listener;
import org.pbft.net.OutboundLink;
import org.pbft.net.TransportStats;

/**
 * The transport alone, over loopback: a link to a listener in the same process. {@code
 * roundTrip} sends a frame that the listener's connection thread sends straight back, as a
 * replica answers a client, and waits for it: two writes, two reads and the wake-ups between
 * them. {@code oneWay64} sends 64 frames and waits until the listener has read them all: the
 * cost of a frame when frames follow each other, per frame, each written as it is sent; {@code
 * oneWay64Corked} the same from a corked thread ({@link Cork}), as a replica sends, the 64 in
 * gathering writes when it uncorks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TransportBenchmark {
  private static final byte ECHO = 1;
  private static final byte ONE_WAY = 2;
  private static final long QUEUE_BYTES = 64L << 20;
  private static final int MAX_FRAME = 16 << 20;

  @Param({"256", "4096"})
  public int bytes;

  private final BlockingQueue<byte[]> echoes = new LinkedBlockingQueue<>();
  private final Semaphore arrived = new Semaphore(0);
  private Listener server;
  private OutboundLink link;
  private byte[] echo;
  private byte[] oneWay;

  @Setup
  public void setUp() throws IOException, InterruptedException {
    TransportStats stats = new TransportStats();
    server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE_BYTES, (c, f) -> {
      if (f[0] == ECHO) {
        c.send(f);
      } else {
        arrived.release();
      }
    }, stats, MAX_FRAME, "bench-server");
    link = new OutboundLink(server.address(), QUEUE_BYTES, (c, f) -> echoes.add(f), stats,
        MAX_FRAME, "bench-client");
    for (int i = 0; i < 500 && !link.connected(); i++) {
      Thread.sleep(10);
    }
    if (!link.connected()) {
      throw new IllegalStateException("the benchmark's link did not connect in 5 s");
    }
    echo = new byte[bytes];
    echo[0] = ECHO;
    oneWay = new byte[bytes];
    oneWay[0] = ONE_WAY;
  }

  @TearDown
  public void tearDown() {
    link.close();
    server.close();
  }

  @Benchmark
  public byte[] roundTrip() throws InterruptedException {
    link.send(echo);
    return echoes.take();
  }

  @Benchmark
  @OperationsPerInvocation(64)
  public void oneWay64() throws InterruptedException {
    for (int i = 0; i < 64; i++) {
      link.send(oneWay);
    }
    arrived.acquire(64);
  }

  @Benchmark
  @OperationsPerInvocation(64)
  public void oneWay64Corked() throws InterruptedException {
    Cork.cork();
    try {
      for (int i = 0; i < 64; i++) {
        link.send(oneWay);
      }
    } finally {
      Cork.uncork();
    }
    arrived.acquire(64);
  }
}
