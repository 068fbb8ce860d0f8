package org.pbft.core;

import org.pbft.core.message.Digest;

/**
 * One spec action taken by {@code replica}, with the arguments that pin it down: the view, the
 * sequence number and the digest (of a batch, or of a state for checkpoints). Arguments an action
 * does not have are -1 (numbers) or null (digest). For view-change actions {@code view} is the
 * view moved to; for NEW-VIEW actions {@code seq} is minS, the checkpoint the NEW-VIEW adopts.
 */
public record TraceEvent(SpecAction action, int replica, long view, long seq, Digest digest) {}
