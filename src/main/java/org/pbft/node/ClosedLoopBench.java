package org.pbft.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.pbft.service.KvOperation;

/**
 * Closed-loop clients against a running cluster: each client has one operation outstanding and
 * sends the next as soon as the last completes. Operations completed during the warm-up are not
 * counted; after it, throughput and latency percentiles over the measured interval.
 */
public final class ClosedLoopBench {

  /**
   * The measured interval's result: from {@code startMillis} to {@code endMillis} (wall clock),
   * with the operations completed in each whole second of it and the CPU time this process (the
   * clients) spent over it, {@code jitNanos} of it in the JIT compiler's threads and
   * {@code gcNanos} in the garbage collector's.
   */
  public record Result(long operations, double seconds, DescriptiveStatistics latencyMillis,
      long startMillis, long endMillis, List<Long> perSecond, long cpuNanos, long jitNanos,
      long gcNanos) {
    public double opsPerSecond() {
      return operations / seconds;
    }
  }

  private ClosedLoopBench() {}

  /**
   * Runs {@code clients} closed loops of puts with values of {@code valueBytes} bytes (each put
   * returns the previous value: replies of the same size), {@code warmupSeconds} unmeasured then
   * {@code seconds} measured.
   */
  public static Result run(List<ClientNode.Session> clients, int valueBytes, double warmupSeconds,
      double seconds) throws InterruptedException {
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    AtomicLong completed = new AtomicLong();
    DescriptiveStatistics latencies = new DescriptiveStatistics();
    CountDownLatch done = new CountDownLatch(clients.size());
    String value = "x".repeat(valueBytes);
    for (ClientNode.Session c : clients) {
      loop(c, new KvOperation.Put("k" + c.index(), value).encode(), measuring, stop, completed,
          latencies, done);
    }
    Thread.sleep((long) (warmupSeconds * 1000));
    // The CPU samples come first: reading the threads of 32 client nodes takes a while, and
    // the operations completed meanwhile must not count.
    JvmThreadsCpu.Sampler jvm = new JvmThreadsCpu.Sampler();
    JvmThreadsCpu jvmBefore = jvm.sample();
    long cpuBefore = WorkCounters.processCpuNanos();
    long startMillis = System.currentTimeMillis();
    measuring.set(true);
    long start = System.nanoTime();
    List<Long> perSecond = new ArrayList<>();
    long deadline = start + (long) (seconds * 1e9);
    long previous = 0;
    for (long next = start + 1_000_000_000L; next <= deadline; next += 1_000_000_000L) {
      sleepUntil(next);
      long now = completed.get();
      perSecond.add(now - previous);
      previous = now;
    }
    sleepUntil(deadline);
    measuring.set(false);
    long ops = completed.get();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long endMillis = System.currentTimeMillis();
    long cpu = WorkCounters.processCpuNanos() - cpuBefore;
    JvmThreadsCpu jvmAfter = jvm.sample();
    stop.set(true);
    done.await(10, TimeUnit.SECONDS);
    synchronized (latencies) {
      return new Result(ops, elapsed, new DescriptiveStatistics(latencies), startMillis,
          endMillis, perSecond, cpu, jvmAfter.compilerNanos() - jvmBefore.compilerNanos(),
          jvmAfter.gcNanos() - jvmBefore.gcNanos());
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static void loop(ClientNode.Session c, byte[] op, AtomicBoolean measuring, AtomicBoolean stop,
      AtomicLong completed, DescriptiveStatistics latencies, CountDownLatch done) {
    if (stop.get()) {
      done.countDown();
      return;
    }
    c.submit(op).whenComplete((completion, error) -> {
      if (error == null && measuring.get()) {
        completed.incrementAndGet();
        synchronized (latencies) {
          latencies.addValue(completion.latencyNanos() / 1e6);
        }
      }
      loop(c, op, measuring, stop, completed, latencies, done);
    });
  }

  /**
   * Opens {@code count} clients of the cluster (ids 0..count-1): each its own node with its own
   * connections, or, {@code shared}, all in one node over one connection to each replica (the
   * asynchronous client).
   */
  public static List<ClientNode> clients(org.pbft.config.ClusterConfig cluster,
      java.nio.file.Path configDir, int count, boolean shared)
      throws org.pbft.config.ConfigException {
    if (!shared) {
      return clients(cluster, configDir, count);
    }
    List<org.pbft.config.NodeKeys> keys = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(clientKeys(configDir, i));
      indices.add(i);
    }
    return List.of(ClientNode.group(cluster, keys, indices, NodeOptions.defaults(), 100));
  }

  /** Every client session of {@code nodes}. */
  public static List<ClientNode.Session> sessions(List<ClientNode> nodes) {
    List<ClientNode.Session> out = new ArrayList<>();
    nodes.forEach(n -> out.addAll(n.sessions()));
    return out;
  }

  /** Opens {@code count} clients of the cluster (ids 0..count-1). */
  public static List<ClientNode> clients(org.pbft.config.ClusterConfig cluster,
      java.nio.file.Path configDir, int count) throws org.pbft.config.ConfigException {
    List<ClientNode> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new ClientNode(cluster, clientKeys(configDir, i), i, NodeOptions.defaults(), 100));
    }
    return out;
  }

  /** Client {@code i}'s keys, from the file {@code pbft keygen} wrote for it. */
  private static org.pbft.config.NodeKeys clientKeys(java.nio.file.Path configDir, int i)
      throws org.pbft.config.ConfigException {
    return org.pbft.config.NodeKeys.load(configDir.resolve("client-" + i + ".key"));
  }
}
