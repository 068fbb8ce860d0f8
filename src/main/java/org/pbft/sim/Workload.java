package org.pbft.sim;

import java.util.SplittableRandom;
import org.pbft.core.message.Digest;
import org.pbft.service.KvOperation;

/**
 * Key-value operations for the simulated clients: puts, gets, deletes and compare-and-sets over
 * a few keys, so that clients contend. Values are unique per client and operation, which makes
 * histories easy to check; a compare-and-set expects a value some client may have written. About
 * half of the gets are invoked read-only, so that histories mix reads answered without ordering
 * with ordered ones. Values are longer than a digest, so that replies carry digests.
 */
public final class Workload {

  /** An operation and whether the client invokes it as a read-only request. */
  public record Invocation(KvOperation op, boolean readOnly) {}

  private final int keys;
  private final SplittableRandom random;

  public Workload(int keys, SplittableRandom random) {
    this.keys = keys;
    this.random = random;
  }

  /** The {@code index}-th invocation of client {@code client}. */
  public Invocation nextInvocation(long client, int index) {
    KvOperation op = next(client, index);
    return new Invocation(op, op instanceof KvOperation.Get && random.nextBoolean());
  }

  /** The {@code index}-th operation of client {@code client}. */
  public KvOperation next(long client, int index) {
    String key = "k" + random.nextInt(keys);
    int kind = random.nextInt(100);
    if (kind < 35) {
      return new KvOperation.Put(key, value(client, index));
    } else if (kind < 65) {
      return new KvOperation.Get(key);
    } else if (kind < 75) {
      return new KvOperation.Delete(key);
    } else {
      String expected = random.nextInt(4) == 0 || index == 0
          ? null
          : value(client, random.nextInt(index));
      return new KvOperation.CompareAndSet(key, expected, value(client, index));
    }
  }

  /**
   * Pads every value past a digest's length, so that results holding a value are long enough
   * for replicas to send their digests (a result no longer than its digest is sent whole) and
   * every run exercises digest replies.
   */
  private static final String PADDING = "~".repeat(Digest.LENGTH);

  private static String value(long client, int index) {
    return "c" + client + "." + index + PADDING;
  }
}
