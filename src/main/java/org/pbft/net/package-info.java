/**
 * TCP between processes, with blocking {@code java.net} sockets: one reader thread per
 * connection, one writer thread per connection draining a bounded queue, length-prefixed frames.
 * The layer moves opaque byte frames; authentication and decoding are the caller's (see {@code
 * org.pbft.wire}). Blocking sockets rather than NIO or Netty: a replica talks to a handful of
 * peers, so a few threads cost nothing, and the code reads top to bottom.
 */
package org.pbft.net;
