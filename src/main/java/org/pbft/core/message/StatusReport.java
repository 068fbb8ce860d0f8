package org.pbft.core.message;

/**
 * Replica i has made no progress for a while and says where it is, so that the others send it
 * again what it may have lost (Castro's thesis, section 5.2: status messages). {@code normal}:
 * whether it is in normal status in {@code view} (or waits for its NEW-VIEW); {@code
 * stableCheckpoint}: its low watermark h; {@code lastExecuted}: the highest sequence number it
 * executed. Outside the spec, like every retransmission: it only makes messages already sent
 * arrive again.
 */
public record StatusReport(long view, boolean normal, long stableCheckpoint, long lastExecuted,
    int replica) implements Message {}
