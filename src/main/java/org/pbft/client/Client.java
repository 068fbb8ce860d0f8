package org.pbft.client;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pbft.core.Quorums;
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
 * <p>No I/O, threads, clocks or randomness: the environment delivers replies and ticks and carries
 * out the outputs.
 */
public final class Client {
  private final long clientId;
  private final Quorums quorums;
  private final long retransmitTimeout;

  private long view;
  private long lastTimestamp;
  private Request outstanding;
  private long ticksWaited;
  private int retransmissions;
  /** For the outstanding request: replica -> the result it replied (its latest reply). */
  private final Map<Integer, Reply> replies = new TreeMap<>();

  public Client(long clientId, Quorums quorums, long retransmitTimeout) {
    if (retransmitTimeout < 1) {
      throw new IllegalArgumentException("retransmit timeout must be positive");
    }
    this.clientId = clientId;
    this.quorums = quorums;
    this.retransmitTimeout = retransmitTimeout;
  }

  /** Starts a request for {@code operation}; the client must not be busy. */
  public List<ClientOutput> invoke(byte[] operation) {
    if (busy()) {
      throw new IllegalStateException("client " + clientId + " already waits for " + outstanding);
    }
    outstanding = new Request(clientId, ++lastTimestamp, operation);
    ticksWaited = 0;
    replies.clear();
    return List.of(new ClientOutput.Send(primary(), outstanding));
  }

  /**
   * A reply arrived. Replies for other clients, other timestamps or from replicas outside the
   * group are ignored; a replica's later reply replaces its earlier one.
   */
  public List<ClientOutput> onReply(Reply reply) {
    if (outstanding == null || reply.clientId() != clientId
        || reply.timestamp() != outstanding.timestamp()
        || reply.replica() < 0 || reply.replica() >= quorums.n()) {
      return List.of();
    }
    replies.put(reply.replica(), reply);
    ByteBuffer result = ByteBuffer.wrap(reply.result());
    List<Reply> matching = new ArrayList<>();
    for (Reply r : replies.values()) {
      if (ByteBuffer.wrap(r.result()).equals(result)) {
        matching.add(r);
      }
    }
    if (matching.size() < quorums.reply()) {
      return List.of();
    }
    long acceptedView = matching.stream().mapToLong(Reply::view).min().orElseThrow();
    view = Math.max(view, acceptedView);
    Request done = outstanding;
    outstanding = null;
    replies.clear();
    return List.of(new ClientOutput.Completed(done, reply.result(), acceptedView));
  }

  /** One tick passed: after {@code retransmitTimeout} ticks without a result, send to all. */
  public List<ClientOutput> tick() {
    if (outstanding == null) {
      return List.of();
    }
    if (++ticksWaited < retransmitTimeout) {
      return List.of();
    }
    ticksWaited = 0;
    retransmissions++;
    return List.of(new ClientOutput.Broadcast(outstanding));
  }

  public boolean busy() {
    return outstanding != null;
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

  private int primary() {
    return (int) (view % quorums.n());
  }
}
