package org.pbft.wire;

import org.pbft.config.NodeId;
import org.pbft.core.message.Message;

/**
 * What one TCP message carries, once opened.
 *
 * @param incarnation the sender's process run; a restarted process uses a larger one
 * @param counter strictly increases per (sender, receiver, incarnation): replays are refused
 * @param lamport the sender's Lamport clock, carried (and authenticated) for tracing
 * @param evidence the signatures the frame carried, for {@link SecureChannel#keep} once the core
 *     accepted the message; not part of the frame's identity ({@link #equals} ignores it)
 */
public record Frame(NodeId from, NodeId to, long incarnation, long counter, long lamport,
    Message message, Evidence evidence) {

  /** A frame without evidence to keep. */
  public Frame(NodeId from, NodeId to, long incarnation, long counter, long lamport,
      Message message) {
    this(from, to, incarnation, counter, lamport, message, Evidence.NONE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f && from.equals(f.from) && to.equals(f.to)
        && incarnation == f.incarnation && counter == f.counter && lamport == f.lamport
        && message.equals(f.message);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(from, to, incarnation, counter, lamport, message);
  }

  @Override
  public String toString() {
    return "Frame[" + from + " -> " + to + ", inc=" + incarnation + ", #" + counter
        + ", lamport=" + lamport + ", " + message + "]";
  }
}
