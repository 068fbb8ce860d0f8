package org.pbft.core;

import java.util.HashSet;
import java.util.Set;
import org.pbft.core.message.NewView;
import org.pbft.core.message.ViewChange;

/**
 * The shape of V in a NEW-VIEW (PBFT.tla!JustifiableNewViews): exactly 2f+1 VIEW-CHANGEs for
 * the new view from distinct replicas, the new primary's among them.
 */
final class NewViewCheck {
  private NewViewCheck() {}

  static boolean validQuorum(NewView nv, ReplicaConfig config) {
    if (nv.viewChanges().size() != config.quorums().newView()) {
      return false;
    }
    Set<Integer> senders = new HashSet<>();
    for (ViewChange vc : nv.viewChanges()) {
      if (vc.newView() != nv.view() || !senders.add(vc.replica())) {
        return false;
      }
    }
    return senders.contains(config.primary(nv.view()));
  }
}
