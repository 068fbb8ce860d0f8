package org.pbft.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pbft.core.Quorums;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/**
 * A PBFT client as a deterministic state machine (Castro and Liskov, section 4.1). One request
 * at a time: it carries a timestamp larger than every earlier one of this client and goes to the
 * primary of the view the client believes current; if no result is accepted within {@code
 * retransmitTimeout} ticks, the request is sent again to every replica. The client accepts a
 * result once {@link Quorums#reply()} (f+1) distinct replicas replied it for the request's
 * timestamp: at least one of them is correct.
 *
 * <p>Digest replies (section 5.1): each request designates one replica, its {@linkplain
 * Request#replier() replier}, to send the result; the others send its digest, unless the result
 * is no longer than a digest, which every replica then sends whole. Replies match when
 * their results' digests do, and the client accepts once enough match and one of them carries the
 * result. When the designated replica does not deliver it (it is faulty or slow), the request
 * times out and is sent again to every replica, and a replica that executed it sends the whole
 * result to a request it sees again; the client then designates the next replica for its next
 * requests, so that a faulty replier costs it one timeout, not one per request. It starts with
 * replica {@code clientId mod n}, which spreads the results over the replicas.
 *
 * <p>A read-only request (section 5.1) goes to every replica, each of which executes it at once
 * against its current state. A correct replica may be behind (it has not yet executed a write
 * that already completed), and the faulty one may answer from any state, so f+1 matching read-only
 * replies could all be stale. The client accepts only {@link Quorums#readOnlyReply()} (2f+1): f+1
 * of them are correct, and they share a replica with the f+1 correct replicas that were prepared
 * for any write that completed, which answers a read only after executing what it is prepared
 * for (see {@code org.pbft.core.ReadOnlyRequests}). Without them within {@code retransmitTimeout} ticks (concurrent
 * writes, a slow replica), it falls back: the same operation with the same timestamp as an
 * ordinary request, to every replica, accepted from f+1 matching ordered replies. Read-only and
 * ordered replies are never counted together: a late read-only reply from a replica that is
 * behind must not complete the fallback.
 *
 * <p>Timestamps come from a {@link TimestampSource}: {@link TimestampSource#counting()} by
 * default, a source that grows across the client's restarts in a real client process. A request
 * may be {@linkplain #abandon() abandoned} (its caller gave up waiting); the next one takes a
 * larger timestamp, so the abandoned one can still execute before it, never after it.
 *
 * <p>No I/O, threads, clocks or randomness: the environment delivers replies and ticks and carries
 * out the outputs.
 */
public final class Client {
  private final long clientId;
  private final Quorums quorums;
  private final long retransmitTimeout;
  private final TimestampSource timestamps;

  private long view;
  private long lastTimestamp;
  private Request outstanding;
  private long ticksWaited;
  private int retransmissions;
  private int readOnlyCompleted;
  private int readOnlyFallbacks;
  private int replier;
  private int replierChanges;
  /** For the outstanding request: replica -> the result it replied (its latest reply). */
  private final Map<Integer, Reply> replies = new TreeMap<>();
  /** For the outstanding request: replica -> the digest its latest reply vouches for. */
  private final Map<Integer, Digest> digests = new TreeMap<>();

  /** A client whose timestamps count from 1. */
  public Client(long clientId, Quorums quorums, long retransmitTimeout) {
    this(clientId, quorums, retransmitTimeout, TimestampSource.counting());
  }

  public Client(long clientId, Quorums quorums, long retransmitTimeout,
      TimestampSource timestamps) {
    if (retransmitTimeout < 1) {
      throw new IllegalArgumentException("retransmit timeout must be positive");
    }
    this.clientId = clientId;
    this.quorums = quorums;
    this.retransmitTimeout = retransmitTimeout;
    this.timestamps = timestamps;
    this.replier = (int) Math.floorMod(clientId, (long) quorums.n());
  }

  /** Starts a request for {@code operation}; the client must not be busy. */
  public List<ClientOutput> invoke(byte[] operation) {
    start(new Request(clientId, nextTimestamp(), operation, false, replier));
    return List.of(new ClientOutput.Send(primary(), outstanding));
  }

  /**
   * Starts a read-only request for {@code operation}, sent to every replica: each answers it
   * without ordering it. The client must not be busy.
   */
  public List<ClientOutput> invokeReadOnly(byte[] operation) {
    start(new Request(clientId, nextTimestamp(), operation, true, replier));
    return List.of(new ClientOutput.Broadcast(outstanding));
  }

  /** The next timestamp, checked to grow; the client must not be busy. */
  private long nextTimestamp() {
    if (busy()) {
      throw new IllegalStateException("client " + clientId + " already waits for " + outstanding);
    }
    long t = timestamps.next();
    if (t <= lastTimestamp) {
      throw new IllegalStateException("timestamp source of client " + clientId + " returned " + t
          + " after " + lastTimestamp + ": timestamps must grow");
    }
    return t;
  }

  private void start(Request r) {
    lastTimestamp = r.timestamp();
    outstanding = r;
    ticksWaited = 0;
    clearReplies();
  }

  private void clearReplies() {
    replies.clear();
    digests.clear();
  }

  /**
   * A reply arrived. Replies for other clients, other timestamps or from replicas outside the
   * group are ignored, and so are read-only replies to an ordered request and ordered ones to a
   * read-only request; a replica's later reply replaces its earlier one. Enough matching digests
   * without the result itself wait for it (or for the retransmission that asks every replica).
   */
  public List<ClientOutput> onReply(Reply reply) {
    if (outstanding == null || reply.clientId() != clientId
        || reply.timestamp() != outstanding.timestamp()
        || reply.readOnly() != outstanding.readOnly()
        || reply.replica() < 0 || reply.replica() >= quorums.n()) {
      return List.of();
    }
    Digest digest = reply.resultDigest();
    replies.put(reply.replica(), reply);
    digests.put(reply.replica(), digest);
    List<Reply> matching = new ArrayList<>();
    Reply whole = null;
    for (Map.Entry<Integer, Digest> e : digests.entrySet()) {
      if (e.getValue().equals(digest)) {
        Reply r = replies.get(e.getKey());
        matching.add(r);
        whole = whole == null && !r.digestOnly() ? r : whole;
      }
    }
    int needed = outstanding.readOnly() ? quorums.readOnlyReply() : quorums.reply();
    if (matching.size() < needed || whole == null) {
      return List.of();
    }
    Reply fromReplier = replies.get(outstanding.replier());
    boolean digestsMatched = matching.stream().anyMatch(Reply::digestOnly);
    if (digestsMatched
        && (fromReplier == null || fromReplier.digestOnly() || !matching.contains(fromReplier))) {
      // The result came from elsewhere (every replica sends it to a request sent again), not
      // from the replica asked for it: ask the next one. Where no reply was a digest, the
      // result was short and every replica sent it, so the replier was not waited for.
      replier = (replier + 1) % quorums.n();
      replierChanges++;
    }
    if (outstanding.readOnly()) {
      readOnlyCompleted++;
    }
    long acceptedView = matching.stream().mapToLong(Reply::view).min().orElseThrow();
    view = Math.max(view, acceptedView);
    Request done = outstanding;
    outstanding = null;
    clearReplies();
    return List.of(new ClientOutput.Completed(done, whole.result(), acceptedView));
  }

  /**
   * One tick passed: after {@code retransmitTimeout} ticks without a result, send to all. A
   * read-only request that timed out falls back to an ordinary one with the same timestamp; the
   * read-only replies so far no longer count. It goes to every replica, as a retransmission does,
   * since the client has already waited a timeout.
   */
  public List<ClientOutput> tick() {
    if (outstanding == null) {
      return List.of();
    }
    if (++ticksWaited < retransmitTimeout) {
      return List.of();
    }
    ticksWaited = 0;
    if (outstanding.readOnly()) {
      outstanding = outstanding.asReadWrite();
      clearReplies();
      readOnlyFallbacks++;
    } else {
      retransmissions++;
    }
    return List.of(new ClientOutput.Broadcast(outstanding));
  }

  /**
   * Stops waiting for the outstanding request (no-op when there is none): its replies are ignored
   * from now on and it is not sent again. Replicas that already have it may still execute it; a
   * later request takes a larger timestamp, so it cannot execute after that one.
   */
  public void abandon() {
    outstanding = null;
    ticksWaited = 0;
    clearReplies();
  }

  public boolean busy() {
    return outstanding != null;
  }

  /** The request the client waits for, if any. */
  public Optional<Request> outstanding() {
    return Optional.ofNullable(outstanding);
  }

  /**
   * For the outstanding request, each replica's latest reply so far, by replica (empty when the
   * client is not busy). The replies of the read-only attempt are dropped when it falls back.
   */
  public Map<Integer, Reply> repliesSoFar() {
    return Collections.unmodifiableMap(new TreeMap<>(replies));
  }

  /** Matching replies the outstanding request needs: f+1, or 2f+1 while it is read-only. */
  public int repliesNeeded() {
    return outstanding != null && outstanding.readOnly()
        ? quorums.readOnlyReply() : quorums.reply();
  }

  /** The timestamp of the latest request started (0 before the first). */
  public long lastTimestamp() {
    return lastTimestamp;
  }

  public long clientId() {
    return clientId;
  }

  /** The view this client believes current: the primary is where new requests go. */
  public long view() {
    return view;
  }

  /** How many times requests were sent again to every replica. */
  public int retransmissions() {
    return retransmissions;
  }

  /** How many read-only requests completed with 2f+1 matching read-only replies. */
  public int readOnlyCompleted() {
    return readOnlyCompleted;
  }

  /** The replica the next request designates to send its result. */
  public int replier() {
    return replier;
  }

  /** How many times a designated replier did not deliver and the next one was chosen. */
  public int replierChanges() {
    return replierChanges;
  }

  /** How many read-only requests timed out and were sent again as ordinary requests. */
  public int readOnlyFallbacks() {
    return readOnlyFallbacks;
  }

  private int primary() {
    return (int) (view % quorums.n());
  }
}
