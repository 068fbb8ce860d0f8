/**
 * TCP between processes, length-prefixed frames. A sender writes its frame to the non-blocking
 * socket itself, so that sending a frame wakes no thread; what the socket does not take waits in
 * a queue bounded in bytes, and whoever reads the connection writes it once the socket has room.
 * Two ways to read: a replica's connections each have a thread of their own ({@code FrameReader}
 * over {@code ChannelInput}, reads in blocking form, a sink that may wait to slow a peer down);
 * a client process's connections, one to every replica for each of its client nodes, share a
 * few {@link org.pbft.net.IoLoop}s, one per core, each a thread and a selector, so that replies
 * arriving together are read in one wake-up (their sinks must never block). The layer moves opaque byte
 * frames; authentication and decoding are the caller's (see {@code org.pbft.wire}).
 */
package org.pbft.net;
