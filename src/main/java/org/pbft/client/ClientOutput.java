package org.pbft.client;

import org.pbft.core.message.Request;

/** What a {@link Client} asks its environment to do, or reports, as the result of one step. */
public sealed interface ClientOutput {

  /** Send {@code request} to replica {@code replica} (the primary the client believes in). */
  record Send(int replica, Request request) implements ClientOutput {}

  /**
   * Send {@code request} to every replica: a read-only request, a retransmission after a
   * timeout, or the ordinary fallback of a read-only request.
   */
  record Broadcast(Request request) implements ClientOutput {}

  /**
   * {@code request} completed: f+1 replicas replied {@code result} (2f+1 for a read-only
   * request; for one that fell back, {@code request} is the ordinary one). {@code view} is the
   * smallest view among those replies (at least one of them is correct, so its view is at least
   * this).
   */
  record Completed(Request request, byte[] result, long view) implements ClientOutput {}
}
