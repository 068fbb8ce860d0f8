package org.pbft.core.message;

/** Replica i, behind a stable checkpoint at {@code seq}, asks for the checkpointed state. */
public record FetchState(long seq, int replica) implements Message {}
