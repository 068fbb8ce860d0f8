package org.pbft.core;

import java.util.List;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;

/**
 * A checkpoint with its proof: 2f+1 matching CHECKPOINTs from distinct replicas (none for the
 * initial state at 0). PBFT.tla!StableProof.
 */
record CertifiedCheckpoint(long seq, Digest stateDigest, List<Checkpoint> proof) {

  CertifiedCheckpoint {
    proof = List.copyOf(proof);
  }
}
