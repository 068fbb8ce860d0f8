package org.pbft.core.message;

import java.util.List;

/**
 * NEW-VIEW(v+1, V, O) from the primary of {@code view}: V is the 2f+1 VIEW-CHANGEs it is built
 * from, O the pre-prepares that {@code PBFT.tla!ComputeNewView} derives from V.
 */
public record NewView(long view, List<ViewChange> viewChanges, List<PrePrepare> prePrepares)
    implements Message {

  public NewView {
    viewChanges = List.copyOf(viewChanges);
    prePrepares = List.copyOf(prePrepares);
  }
}
