package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Replica;
import org.pbft.core.ReplicaConfig;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.core.message.Request;
import org.pbft.service.KvOperation;

/**
 * What a Byzantine replica has to work with: its identity (the only one it can sign with), a
 * correct replica it can run for its outwardly normal behaviour, the messages it received and
 * sent (to replay or to take proofs from), the clients it has heard of, and randomness drawn from
 * the run's seed. It can make up requests only as a colluding client of its own, and only where
 * it has one: in the simulator. A replica process holds no client's keys, so there the
 * requests it can put in a PRE-PREPARE are those clients sent it (whose authenticators it keeps).
 */
public final class Adversary {
  /** Requests made up by a Byzantine replica come from this client id plus its replica id. */
  public static final long COLLUDING_CLIENT = 1_000_000;
  /** The key colluding requests touch; correct clients never use it. */
  public static final String COLLUDING_KEY = "byzantine";
  private static final int REMEMBERED = 512;

  private final int id;
  private final ReplicaConfig config;
  private final Replica inner;
  private final SplittableRandom random;
  private final boolean colludingClient;
  private final List<Message> received = new ArrayList<>();
  private final List<Message> sent = new ArrayList<>();
  private final TreeSet<Long> clients = new TreeSet<>();
  private long collusions;

  Adversary(int id, ReplicaConfig config, Replica inner, SplittableRandom random,
      boolean colludingClient) {
    this.id = id;
    this.config = config;
    this.inner = inner;
    this.random = random;
    this.colludingClient = colludingClient;
  }

  /**
   * Whether {@link #colludingRequest} makes requests that correct replicas accept: true in the
   * simulator; false in a replica process, which cannot authenticate a client's request.
   */
  public boolean hasColludingClient() {
    return colludingClient;
  }

  /**
   * A request a client sent this replica, not in {@code batch} and not read-only (a PRE-PREPARE
   * cannot carry one): the last such in its bounded memory of what it received. It can order
   * that request as it likes without any client's keys.
   */
  public Optional<Request> receivedRequestOtherThan(List<Request> batch) {
    for (int i = received.size() - 1; i >= 0; i--) {
      if (received.get(i) instanceof Request r && !r.readOnly() && !batch.contains(r)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  public int id() {
    return id;
  }

  public ReplicaConfig config() {
    return config;
  }

  public SplittableRandom random() {
    return random;
  }

  /** The correct replica inside: what this replica would do if it were correct. */
  public List<Effect> actCorrectly(Input input) {
    return inner.step(input);
  }

  /**
   * What the correct replica inside does, each effect passed through {@code rewrite}: the shape
   * of a strategy that changes some of its messages one for one and keeps the rest.
   */
  public List<Effect> actCorrectlyRewriting(Input input, UnaryOperator<Effect> rewrite) {
    List<Effect> out = new ArrayList<>();
    for (Effect e : actCorrectly(input)) {
      out.add(rewrite.apply(e));
    }
    return out;
  }

  /** The view of the correct replica inside. */
  public long view() {
    return inner.view();
  }

  public boolean isPrimary(long view) {
    return config.primary(view) == id;
  }

  public long lowWatermark() {
    return inner.lowWatermark();
  }

  /** A request from this replica's colluding client, touching only {@link #COLLUDING_KEY}. */
  public Request colludingRequest() {
    collusions++;
    return new Request(COLLUDING_CLIENT + id, collusions,
        new KvOperation.Put(COLLUDING_KEY, "forged" + collusions).encode());
  }

  public Digest garbageDigest() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return Digest.of(bytes);
  }

  /** The other replicas, in id order. */
  public List<Integer> others() {
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < config.n(); i++) {
      if (i != id) {
        others.add(i);
      }
    }
    return others;
  }

  public int randomOther() {
    List<Integer> others = others();
    return others.get(random.nextInt(others.size()));
  }

  /** A message this replica received or sent before, or null if there is none. */
  public Message oldMessage() {
    int total = received.size() + sent.size();
    if (total == 0) {
      return null;
    }
    int i = random.nextInt(total);
    return i < received.size() ? received.get(i) : sent.get(i - received.size());
  }

  /** Received messages of type {@code type}, oldest first. */
  public <T extends Message> List<T> receivedOf(Class<T> type) {
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public List<Long> clients() {
    return List.copyOf(clients);
  }

  void recordReceived(Message m) {
    if (m instanceof Request r && r.clientId() < COLLUDING_CLIENT) {
      clients.add(r.clientId());
    }
    remember(received, m);
  }

  void recordSent(Message m) {
    remember(sent, m);
  }

  /** Keeps a bounded sample: once full, a new message replaces a random old one. */
  private void remember(List<Message> list, Message m) {
    if (list.size() < REMEMBERED) {
      list.add(m);
    } else {
      list.set(random.nextInt(REMEMBERED), m);
    }
  }
}
