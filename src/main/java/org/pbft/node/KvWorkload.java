package org.pbft.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;

/**
 * A scripted key-value workload on one client: puts of fresh values to a set of keys, and after
 * every third put a get of the key just written, which must return the value written. It remembers every
 * acknowledged write, so that a later {@link #verifyAcknowledgedWrites} can show none was lost.
 */
public final class KvWorkload {
  private final ClientNode client;
  private final String keyPrefix;
  private final int keys;
  private final Duration opTimeout;
  private final Map<String, String> acknowledged = new LinkedHashMap<>();
  private final DescriptiveStatistics latencyMillis = new DescriptiveStatistics();
  private final List<String> anomalies = new ArrayList<>();
  private long maxView;
  private int ops;
  private int puts;

  public KvWorkload(ClientNode client, String keyPrefix, int keys, Duration opTimeout) {
    this.client = client;
    this.keyPrefix = keyPrefix;
    this.keys = keys;
    this.opTimeout = opTimeout;
  }

  /** Runs {@code count} operations; {@code progress} hears about every completion. */
  public void run(int count, Consumer<ClientNode.Completion> progress)
      throws TimeoutException, InterruptedException {
    for (int i = 0; i < count; i++) {
      if (ops % 4 == 3) {
        // read back the key the previous operation wrote
        String key = keyPrefix + ((puts - 1) % keys);
        KvResult read = execute(new KvOperation.Get(key), progress);
        String expected = acknowledged.get(key);
        if (read.status() != KvResult.Status.OK || !java.util.Objects.equals(read.value(),
            expected)) {
          anomalies.add("get " + key + " returned " + read + ", last acknowledged write "
              + expected);
        }
      } else {
        String key = keyPrefix + (puts++ % keys);
        String value = "v" + ops;
        KvResult put = execute(new KvOperation.Put(key, value), progress);
        if (put.status() != KvResult.Status.OK) {
          anomalies.add("put " + key + " = " + value + " returned " + put);
        } else {
          acknowledged.put(key, value);
        }
      }
    }
  }

  private KvResult execute(KvOperation op, Consumer<ClientNode.Completion> progress)
      throws TimeoutException, InterruptedException {
    // Gets go read-only (2f+1 matching replies, no ordering); the client falls back to ordering.
    ClientNode.Completion c = op instanceof KvOperation.Get
        ? client.invokeReadOnly(op.encode(), opTimeout) : client.invoke(op.encode(), opTimeout);
    ops++;
    latencyMillis.addValue(c.latencyNanos() / 1e6);
    maxView = Math.max(maxView, c.view());
    progress.accept(c);
    return KvResult.decode(c.result());
  }

  /**
   * Reads back every key written and compares with its last acknowledged write: a lost or changed
   * write is reported as an anomaly. Returns the number of keys checked.
   */
  public int verifyAcknowledgedWrites() throws TimeoutException, InterruptedException {
    return verifyAcknowledgedWrites(client);
  }

  /** As {@link #verifyAcknowledgedWrites()}, reading through {@code reader}. */
  public int verifyAcknowledgedWrites(ClientNode reader)
      throws TimeoutException, InterruptedException {
    for (Map.Entry<String, String> w : acknowledged.entrySet()) {
      KvResult read = KvResult.decode(reader.invoke(new KvOperation.Get(w.getKey()).encode(),
          opTimeout).result());
      if (read.status() != KvResult.Status.OK || !w.getValue().equals(read.value())) {
        anomalies.add("acknowledged write " + w.getKey() + " = " + w.getValue()
            + " reads back as " + read);
      }
    }
    return acknowledged.size();
  }

  public int operations() {
    return ops;
  }

  public long maxView() {
    return maxView;
  }

  /** Latencies in milliseconds, one per operation. */
  public DescriptiveStatistics latencies() {
    return latencyMillis;
  }

  /** Results that contradict the acknowledged writes; empty in a correct run. */
  public List<String> anomalies() {
    return List.copyOf(anomalies);
  }
}
