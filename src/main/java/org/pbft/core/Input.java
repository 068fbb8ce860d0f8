package org.pbft.core;

import org.pbft.core.message.Message;

/**
 * What a replica consumes in one step: a received message, the passing of one tick, or the news
 * that its process restarted.
 */
public sealed interface Input {

  /** The sender of a client request (clients are not replicas; requests carry their client). */
  int CLIENT = -1;

  /**
   * {@code message} arrived from {@code from}, a replica id or {@link #CLIENT}, as authenticated
   * by the transport.
   */
  record Receive(int from, Message message) implements Input {}

  /** One unit of logical time passed. */
  record Tick() implements Input {}

  /**
   * The process was restarted and has replayed its write-ahead log: the replica is in the state
   * it had reached before the crash with every input it made durable, and nothing it sent after
   * that (nothing was sent before it was durable).
   */
  record Restart() implements Input {}
}
