package org.pbft.net;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one endpoint's transport, shared by its connections; thread-safe. */
public final class TransportStats {
  private final AtomicLong framesSent = new AtomicLong();
  private final AtomicLong framesReceived = new AtomicLong();
  private final AtomicLong droppedQueueFull = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong disconnects = new AtomicLong();
  private final AtomicLong slowPeers = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();

  void sent(int frameBytes) {
    framesSent.incrementAndGet();
    bytesSent.addAndGet(frameBytes);
  }

  void received(int frameBytes) {
    framesReceived.incrementAndGet();
    bytesReceived.addAndGet(frameBytes);
  }

  void queueFull() {
    droppedQueueFull.incrementAndGet();
  }

  void connected() {
    connects.incrementAndGet();
  }

  void disconnected() {
    disconnects.incrementAndGet();
  }

  void slowPeer() {
    slowPeers.incrementAndGet();
  }

  void refusedConnection() {
    refused.incrementAndGet();
  }

  /** Connections closed because the peer was idle too long or too slow to deliver a frame. */
  public long slowPeers() {
    return slowPeers.get();
  }

  /** Connections refused or closed at the listener's cap. */
  public long refusedConnections() {
    return refused.get();
  }

  public long framesSent() {
    return framesSent.get();
  }

  public long framesReceived() {
    return framesReceived.get();
  }

  /** Bytes of the frames sent (without the 4-byte length prefix each has on the stream). */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** Bytes of the frames received (without their length prefixes). */
  public long bytesReceived() {
    return bytesReceived.get();
  }

  /** Frames not sent because a peer's queue was full: the backpressure of a slow peer. */
  public long droppedQueueFull() {
    return droppedQueueFull.get();
  }

  public long connects() {
    return connects.get();
  }

  public long disconnects() {
    return disconnects.get();
  }

  @Override
  public String toString() {
    return "sent " + framesSent() + ", received " + framesReceived() + ", dropped (queue full) "
        + droppedQueueFull() + ", connects " + connects() + ", disconnects " + disconnects()
        + (slowPeers() > 0 ? ", closed as slow or idle " + slowPeers() : "")
        + (refusedConnections() > 0 ? ", refused at the connection cap "
        + refusedConnections() : "");
  }
}
