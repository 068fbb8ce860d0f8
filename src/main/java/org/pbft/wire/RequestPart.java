package org.pbft.wire;

import org.pbft.core.message.Request;

/** A request that travels with its client's MAC authenticator; canonical bytes at [start, end). */
record RequestPart(Request request, int start, int end) {}
