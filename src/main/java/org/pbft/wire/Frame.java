package org.pbft.wire;

import org.pbft.config.NodeId;
import org.pbft.core.message.Message;

/**
 * What one TCP message carries, once opened.
 *
 * @param incarnation the sender's process run; a restarted process uses a larger one
 * @param counter strictly increases per (sender, receiver, incarnation): replays are refused
 * @param lamport the sender's Lamport clock, carried (and authenticated) for tracing
 */
public record Frame(
    NodeId from, NodeId to, long incarnation, long counter, long lamport, Message message) {

  @Override
  public String toString() {
    return "Frame[" + from + " -> " + to + ", inc=" + incarnation + ", #" + counter
        + ", lamport=" + lamport + ", " + message + "]";
  }
}
