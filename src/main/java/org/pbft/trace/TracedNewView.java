package org.pbft.trace;

import java.util.List;

/**
 * The NEW-VIEW of a SendNewView or ReceiveNewView event, as the trace gives it: V and O, digests
 * in hex. It pins down the spec's {@code nv}: TracePBFT.tla checks that V justifies it (each
 * VIEW-CHANGE one its sender sent, or one a faulty sender could send) and that O is what
 * PBFT.tla!ComputeNewView derives from V.
 *
 * @param viewChanges V: the VIEW-CHANGEs, one per sender
 * @param prePrepares O: one pre-prepare for each n from minS + 1 to maxS
 */
public record TracedNewView(List<ViewChange> viewChanges, List<PrePrepare> prePrepares) {

  public TracedNewView {
    viewChanges = List.copyOf(viewChanges);
    prePrepares = List.copyOf(prePrepares);
  }

  /** A VIEW-CHANGE in V: its sender, its stable checkpoint (n, state digest) and P. */
  public record ViewChange(int replica, long stableSeq, String stateDigest,
      List<Certificate> prepared) {
    public ViewChange {
      prepared = List.copyOf(prepared);
    }
  }

  /** A prepared certificate in P: sequence number, view, batch digest. */
  public record Certificate(long seq, long view, String digest) {}

  /** A pre-prepare in O: sequence number and batch digest (the empty batch's for a gap). */
  public record PrePrepare(long seq, String digest) {}
}
