package org.pbft.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pbft.core.message.Request;

/**
 * Requests received and not executed yet, in arrival order: they keep the view-change timer
 * running, and the primary orders them. At most one per client, its newest: a client has one
 * request outstanding at a time (its timestamp only grows), so an older one is obsolete once a
 * newer arrives, and a faulty client or relay cannot make the replica hold more than one request
 * per client.
 */
final class PendingRequests {
  /** What {@link #add} did with a request. */
  enum Admission {
    /** Now pending; no request of its client was. */
    ADDED,
    /** Now pending, in place of an older request of its client ({@link #replaced}). */
    REPLACED,
    /** The same request is pending already. */
    ALREADY_PENDING,
    /** A newer request of its client is pending: this one is obsolete. */
    OLDER_THAN_PENDING
  }

  private final Map<Long, Request> byClient = new LinkedHashMap<>();
  private Request replaced;

  Admission add(Request r) {
    Request current = byClient.get(r.clientId());
    if (current != null && current.timestamp() == r.timestamp()) {
      return Admission.ALREADY_PENDING;
    }
    if (current != null && current.timestamp() > r.timestamp()) {
      return Admission.OLDER_THAN_PENDING;
    }
    byClient.remove(r.clientId()); // re-inserted last: arrival order of the newer request
    byClient.put(r.clientId(), r);
    replaced = current;
    return current == null ? Admission.ADDED : Admission.REPLACED;
  }

  /** The request the last {@link #add} replaced (when it returned REPLACED). */
  Request replaced() {
    return replaced;
  }

  /** In arrival order; not to be modified. */
  Collection<Request> values() {
    return Collections.unmodifiableCollection(byClient.values());
  }

  /** Forgets the requests the client table records as executed. */
  void removeExecuted(ClientTable clients) {
    byClient.values().removeIf(r -> clients.executed(r.clientId(), r.timestamp()));
  }

  boolean isEmpty() {
    return byClient.isEmpty();
  }

  int size() {
    return byClient.size();
  }
}
