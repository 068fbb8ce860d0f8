package org.pbft.core.message;

/**
 * Replica i has made no progress for a while and says where it is, so that the others send it
 * again what it may have lost (Castro's thesis, section 5.2: status messages). {@code normal}:
 * whether it is in normal status in {@code view} (or waits for its NEW-VIEW); {@code
 * stableCheckpoint}: its low watermark h; {@code lastExecuted}: the highest sequence number it
 * executed; {@code suspects}: whether it suspects the primary of {@code view} and will leave that
 * view once 2f+1 replicas do (a vote that binds nobody, proofs-notes/09 "Leaving together").
 * Outside the spec, like every retransmission: it only makes messages already sent arrive again,
 * and the vote only holds back a VIEW-CHANGE the spec would allow.
 */
public record StatusReport(long view, boolean normal, long stableCheckpoint, long lastExecuted,
    boolean suspects, int replica) implements Message {

  /** A STATUS that suspects no one. */
  public StatusReport(long view, boolean normal, long stableCheckpoint, long lastExecuted,
      int replica) {
    this(view, normal, stableCheckpoint, lastExecuted, false, replica);
  }
}
