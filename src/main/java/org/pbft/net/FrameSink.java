package org.pbft.net;

/** Where a connection hands the frames it reads. Called from the connection's reader thread. */
@FunctionalInterface
public interface FrameSink {

  /** {@code frame} arrived on {@code connection} (reply through it with {@link Connection#send}). */
  void onFrame(Connection connection, byte[] frame);
}
