package org.pbft.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pbft.core.Quorums;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Reply;
import org.pbft.wire.DropReason;

/**
 * An operation got no accepted result in time, with what the client saw meanwhile: for each
 * replica whether it accepts connections (or why not) and what it replied, how long the client
 * waited, and what to do about it. The client has stopped waiting for the request; replicas that
 * have it (or get it later from the client's send queue) may still execute it.
 */
public final class NoResult extends java.util.concurrent.TimeoutException {
  private static final long serialVersionUID = 1L;

  /**
   * One replica as the client saw it: whether its link is connected, why the latest connection
   * attempt failed (null if it did not), how many frames from it the client refused (they did not
   * authenticate or decode), and its latest reply to the request (null if none).
   */
  public record ReplicaStatus(int replica, String address, boolean connected,
      String connectFailure, long framesRefused, Reply reply) {}

  private final transient Quorums quorums;
  private final long clientId;
  private final long timestamp;
  private final boolean readOnly;
  private final Duration waited;
  private final int retransmissions;
  private final transient List<ReplicaStatus> replicas;
  private final transient Map<DropReason, Long> refused;
  private final int needed;

  NoResult(Quorums quorums, long clientId, long timestamp, boolean readOnly, int needed,
      Duration waited, int retransmissions, List<ReplicaStatus> replicas,
      Map<DropReason, Long> refused) {
    super("no result");
    this.quorums = quorums;
    this.clientId = clientId;
    this.timestamp = timestamp;
    this.readOnly = readOnly;
    this.needed = needed;
    this.waited = waited;
    this.retransmissions = retransmissions;
    this.replicas = List.copyOf(replicas);
    this.refused = Map.copyOf(refused);
  }

  @Override
  public String getMessage() {
    return describe(NoResult::hex);
  }

  public List<ReplicaStatus> replicas() {
    return replicas;
  }

  /** Replicas the client has no connection to. */
  public List<Integer> unreachable() {
    return replicas.stream().filter(r -> !r.connected()).map(ReplicaStatus::replica).toList();
  }

  /** Replicas that replied to the request. */
  public List<Integer> answered() {
    return replicas.stream().filter(r -> r.reply() != null).map(ReplicaStatus::replica).toList();
  }

  public Duration waited() {
    return waited;
  }

  /**
   * The report, one line per replica, then the advice; {@code result} renders a replica's result
   * (the service knows how to decode it).
   */
  public String describe(Function<byte[], String> result) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "no result after %.1f s (client %d, request timestamp %d%s"
        + ", sent again to every replica %d time%s)", waited.toMillis() / 1e3, clientId,
        timestamp, readOnly ? ", read-only" : "", retransmissions,
        retransmissions == 1 ? "" : "s"));
    Map<Digest, List<Integer>> groups = new LinkedHashMap<>();
    Set<Digest> delivered = new HashSet<>();
    for (ReplicaStatus r : replicas) {
      if (r.reply() != null) {
        groups.computeIfAbsent(r.reply().resultDigest(), k -> new ArrayList<>())
            .add(r.replica());
        if (!r.reply().digestOnly()) {
          delivered.add(r.reply().resultDigest());
        }
      }
    }
    int largest = groups.values().stream().mapToInt(List::size).max().orElse(0);
    boolean withoutResult = groups.entrySet().stream()
        .anyMatch(e -> e.getValue().size() >= needed && !delivered.contains(e.getKey()));
    for (ReplicaStatus r : replicas) {
      b.append("\n  replica ").append(r.replica()).append(" (").append(r.address()).append("): ");
      if (r.reply() != null) {
        List<Integer> same = groups.get(r.reply().resultDigest());
        b.append("replied ").append(r.reply().digestOnly()
                ? "the digest " + r.reply().resultDigest() + " of a result"
                : result.apply(r.reply().result()))
            .append(" in view ").append(r.reply().view())
            .append(same.size() == 1 ? ", no other replica replied the same"
                : ", the same as replica" + (same.size() > 2 ? "s " : " ")
                    + others(same, r.replica()));
      } else if (r.connected()) {
        b.append("connected, no reply");
      } else if (r.connectFailure() != null) {
        b.append("unreachable (").append(r.connectFailure()).append(')');
      } else {
        b.append("not connected yet (still trying)");
      }
      if (r.framesRefused() > 0) {
        b.append("; ").append(r.framesRefused()).append(" frame")
            .append(r.framesRefused() == 1 ? "" : "s").append(" from it refused");
      }
    }
    b.append(String.format(Locale.ROOT, "%n  a result needs %d matching replies (%s, f = %d)",
        needed, readOnly ? "2f+1 for a read-only request" : "f+1", quorums.f()));
    if (largest > 0) {
      b.append("; the most that matched: ").append(largest);
    }
    if (withoutResult) {
      b.append("\n  enough replies matched, but only by digest: the replica the request named to"
          + " send the result did not, and a retransmission asks every replica for it");
    }
    if (!refused.isEmpty()) {
      b.append("\n  frames refused by this client: ").append(refused.entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", ")));
    }
    b.append("\nwhat to do: ").append(advice(largest));
    return b.toString();
  }

  private String advice(int largestGroup) {
    List<Integer> down = unreachable();
    int reachable = replicas.size() - down.size();
    int quorum = quorums.quorum();
    if (reachable < quorum) {
      int missing = quorum - reachable;
      String which = missing == down.size()
          ? (down.size() == 1 ? "replica " : "replicas ") + join(down)
          : "at least " + missing + " of replicas " + join(down);
      return "only " + reachable + " of the " + replicas.size() + " replicas accept connections; "
          + "a request completes only while 2f+1 = " + quorum + " replicas run. Start " + which
          + " (pbft replica --config DIR --id I), or check their addresses in the cluster "
          + "configuration.";
    }
    boolean refusedAny = replicas.stream().anyMatch(r -> r.framesRefused() > 0);
    if (answered().isEmpty()) {
      return refusedAny
          ? "the replicas answer with frames this client cannot authenticate: they run with "
              + "other keys. Start replicas and clients from the same configuration directory."
          : "the replicas accept connections but none answered. Check that they run with this "
              + "client's configuration (a replica drops requests it cannot authenticate) and "
              + "look at their logs; a replica that is starting or changing views answers later, "
              + "so retrying may work. Only one session per client id may run at a time.";
    }
    return answered().size() + " replicas answered, at most " + largestGroup + " with the same "
        + "result. Replicas that are behind answer later: retry; replicas whose results differ "
        + "from the others' may be faulty. Check the replicas' logs.";
  }

  private static String others(List<Integer> same, int self) {
    return join(same.stream().filter(i -> i != self).toList());
  }

  private static String join(List<Integer> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String hex(byte[] bytes) {
    String h = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 16));
    return bytes.length + " bytes " + h + (bytes.length > 16 ? "..." : "");
  }
}
