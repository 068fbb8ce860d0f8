package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pbft.core.Msgs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.ViewChange;

/** PBFT.tla!ComputeNewView. */
class NewViewComputationTest {

  @Test
  void withoutPreparedCertificatesOIsEmpty() {
    var r = NewViewComputation.compute(1, List.of(vc(1, 0), vc(1, 1), vc(1, 2)));
    assertEquals(0, r.checkpoint().seq());
    assertEquals(List.of(), r.prePrepares());
  }

  @Test
  void gapsBelowTheHighestPreparedSequenceNumberGetTheNullRequest() {
    PrePrepare at3 = pp(0, 3, req(1, 1));
    var r = NewViewComputation.compute(1, List.of(vc(1, 0), vc(1, 1, cert(at3, 1, 2)), vc(1, 2)));
    assertEquals(List.of(pp(1, 1), pp(1, 2), pp(1, 3, req(1, 1))), r.prePrepares());
  }

  @Test
  void theCertificateOfTheHighestViewWins() {
    PrePrepare old = pp(0, 1, req(1, 1));
    PrePrepare newer = pp(1, 1, req(2, 1));
    var r = NewViewComputation.compute(2,
        List.of(vc(2, 0, cert(old, 1, 2)), vc(2, 2, cert(newer, 2, 3)), vc(2, 3, cert(old, 1, 2))));
    assertEquals(List.of(pp(2, 1, req(2, 1))), r.prePrepares());
  }

  @Test
  void theLatestStableCheckpointBoundsOFromBelow() {
    Digest s = Digest.of(new byte[] {4});
    List<Checkpoint> proof = List.of(new Checkpoint(2, s, 0), new Checkpoint(2, s, 1),
        new Checkpoint(2, s, 2));
    ViewChange atTwo = new ViewChange(1, 2, s, proof, List.of(cert(pp(0, 4, req(3, 1)), 1, 2)), 1);
    var r = NewViewComputation.compute(1,
        List.of(vc(1, 0, cert(pp(0, 1, req(1, 1)), 1, 2)), atTwo, vc(1, 2)));
    assertEquals(2, r.checkpoint().seq());
    assertEquals(s, r.checkpoint().stateDigest());
    assertEquals(proof, r.checkpoint().proof());
    assertEquals(List.of(pp(1, 3), pp(1, 4, req(3, 1))), r.prePrepares(), "n = 1 is below minS");
  }
}
