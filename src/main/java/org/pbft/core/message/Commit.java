package org.pbft.core.message;

/** COMMIT(v, n, d, i): replica i is prepared for d at (v, n). */
public record Commit(long view, long seq, Digest digest, int replica) implements Message {}
