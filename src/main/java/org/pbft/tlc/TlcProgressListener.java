package org.pbft.tlc;

/** Receives progress snapshots while TLC runs; called from a reader thread. */
@FunctionalInterface
public interface TlcProgressListener {
  TlcProgressListener NONE = progress -> {};

  void onProgress(TlcProgress progress);
}
