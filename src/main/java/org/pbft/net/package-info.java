/**
 * TCP between processes, length-prefixed frames. A sender writes its frame to the non-blocking
 * socket itself, so that sending a frame wakes no thread; what the socket does not take waits in
 * a queue bounded in bytes, and whoever reads the connection writes it once the socket has room.
 * A process's connections share a few {@link org.pbft.net.IoLoop}s, one per core, each a thread
 * and a selector, so that frames arriving together are read in one wake-up; their sinks never
 * block: a sink that queues frames holds inbound credit for them, and a connection that holds a
 * queue's worth is not read until the sink releases some (TCP then slows its peer down). A
 * connection can also have a thread of its own ({@code FrameReader} over {@code ChannelInput},
 * reads in blocking form, a sink that may block): a Byzantine replica that reads slowly has
 * them, so that its pauses stop only the connection that reads. The layer moves opaque byte
 * frames; authentication and decoding are the caller's (see {@code org.pbft.wire}).
 */
package org.pbft.net;
