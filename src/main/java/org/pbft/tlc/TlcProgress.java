package org.pbft.tlc;

/** A snapshot of TLC's counters while it runs. */
public record TlcProgress(long statesGenerated, long distinctStates, long queue, double seconds) {}
