package org.pbft.core.message;

/** CHECKPOINT(n, d, i): replica i executed up to n and its state then has digest d. */
public record Checkpoint(long seq, Digest stateDigest, int replica) implements Message {}
