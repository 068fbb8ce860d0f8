package org.pbft.core.message;

/** A client's request named by (client, timestamp): what exactly-once is about. */
public record RequestKey(long clientId, long timestamp) {}
