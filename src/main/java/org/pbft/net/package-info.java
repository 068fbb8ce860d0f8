/**
 * TCP between processes: one thread per connection, length-prefixed frames. A sender writes its
 * frame to the non-blocking socket itself, so that sending a frame wakes no thread; what the
 * socket does not take waits in a queue bounded in bytes, and the connection's thread, which
 * otherwise reads and hands each frame to its sink, writes it once the socket has room. The layer
 * moves opaque byte frames; authentication and decoding are the caller's (see {@code
 * org.pbft.wire}). One selector per connection rather than one for all, or Netty: a replica talks
 * to a handful of peers, so a thread each costs little, reads keep their blocking form
 * ({@code FrameReader} over {@code ChannelInput}), and the code reads top to bottom.
 */
package org.pbft.net;
