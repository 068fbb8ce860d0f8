package org.pbft.core.message;

/** PREPARE(v, n, d, i): backup i accepted PRE-PREPARE(v, n, d). */
public record Prepare(long view, long seq, Digest digest, int replica) implements Message {}
