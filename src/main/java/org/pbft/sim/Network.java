package org.pbft.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.pbft.core.message.Message;

/**
 * The simulated network: messages in flight ordered by delivery tick and a random tie-break. It
 * delays, loses, duplicates and reorders messages, and partitions the replicas into two sides
 * (clients reach every replica). All choices come from the run's random source.
 */
final class Network {
  private final int replicas;
  private final SplittableRandom random;
  private final PriorityQueue<Envelope> inFlight = new PriorityQueue<>();
  /** By link (from, to), the last sealed frame put in flight on it: frames keep their order. */
  private final Map<Long, Envelope> lastOnLink = new HashMap<>();
  private NetworkConditions conditions;
  /** Side of each replica in the current partition, or null when there is none. */
  private boolean[] side;
  private long partitionEnds;
  private long sent;
  private long lost;
  private long partitions;

  Network(int replicas, NetworkConditions conditions, SplittableRandom random) {
    this.replicas = replicas;
    this.conditions = conditions;
    this.random = random;
  }

  void setConditions(NetworkConditions conditions) {
    this.conditions = conditions;
    if (conditions.partitionRate() == 0) {
      side = null;
    }
  }

  /** Starts or ends partitions at tick {@code now}. */
  void tick(long now) {
    if (side != null && now >= partitionEnds) {
      side = null;
    }
    if (side == null && conditions.partitionRate() > 0
        && random.nextDouble() < conditions.partitionRate()) {
      side = new boolean[replicas];
      do {
        for (int i = 0; i < replicas; i++) {
          side[i] = random.nextBoolean();
        }
      } while (allSame(side));
      partitionEnds = now + 1 + random.nextInt(Math.max(1, conditions.maxPartitionTicks()));
      partitions++;
    }
  }

  private static boolean allSame(boolean[] s) {
    for (boolean b : s) {
      if (b != s[0]) {
        return false;
      }
    }
    return true;
  }

  /** Sends {@code m} at tick {@code now}; it may be lost, duplicated or cut by a partition. */
  void send(long now, int from, int to, Message m) {
    send(now, from, to, m, null);
  }

  /**
   * Sends {@code m} sealed as {@code frame} (or directly if null). Frames of one link arrive in
   * the order sent, as over a TCP connection: the receiver's channel refuses a frame older than
   * one it accepted, so reordering them would be loss.
   */
  void send(long now, int from, int to, Message m, byte[] frame) {
    sent++;
    if (partitioned(from, to)
        || (conditions.loss() > 0 && random.nextDouble() < conditions.loss())) {
      lost++;
      return;
    }
    enqueue(now, from, to, m, frame);
    if (conditions.duplication() > 0 && random.nextDouble() < conditions.duplication()) {
      enqueue(now, from, to, m, frame);
    }
  }

  private void enqueue(long now, int from, int to, Message m, byte[] frame) {
    int delay = conditions.minDelay()
        + random.nextInt(conditions.maxDelay() - conditions.minDelay() + 1);
    long at = now + delay;
    long order = random.nextLong();
    if (frame == null) {
      inFlight.add(new Envelope(at, order, from, to, m, null));
      return;
    }
    long link = ((long) from << 32) | (to & 0xffffffffL);
    Envelope last = lastOnLink.get(link);
    if (last != null && (at < last.deliverAt()
        || (at == last.deliverAt() && order <= last.order()))) {
      if (last.order() == Long.MAX_VALUE) {
        at = last.deliverAt() + 1;
      } else {
        at = last.deliverAt();
        order = last.order() + 1;
      }
    }
    Envelope e = new Envelope(at, order, from, to, m, frame);
    lastOnLink.put(link, e);
    inFlight.add(e);
  }

  private boolean partitioned(int from, int to) {
    return side != null && from >= 0 && from < replicas && to >= 0 && to < replicas
        && side[from] != side[to];
  }

  /** Removes and returns the messages due at or before {@code now}, in delivery order. */
  List<Envelope> due(long now) {
    List<Envelope> due = new ArrayList<>();
    while (!inFlight.isEmpty() && inFlight.peek().deliverAt() <= now) {
      due.add(inFlight.poll());
    }
    return due;
  }

  /** The next message due at or before {@code now}, or null. */
  Envelope pollDue(long now) {
    return !inFlight.isEmpty() && inFlight.peek().deliverAt() <= now ? inFlight.poll() : null;
  }

  long inFlight() {
    return inFlight.size();
  }

  /** The {@code k} busiest links and kinds of the messages in flight, as "from>to Kind=count". */
  String busiest(int k) {
    Map<String, Long> counts = new HashMap<>();
    for (Envelope e : inFlight) {
      counts.merge(e.from() + ">" + e.to() + " " + e.message().getClass().getSimpleName(), 1L,
          Long::sum);
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(k)
        .map(e -> e.getKey() + "=" + e.getValue()).toList().toString();
  }

  boolean partitioned() {
    return side != null;
  }

  String describePartition() {
    return side == null ? "none" : Arrays.toString(side);
  }

  long sent() {
    return sent;
  }

  long lost() {
    return lost;
  }

  long partitions() {
    return partitions;
  }
}
