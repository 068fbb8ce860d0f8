package org.pbft.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Request;
import org.pbft.core.message.ViewChange;

/**
 * The protocol messages the benchmarks measure, consistent with each other and with a cluster
 * of {@link BenchCluster#N} replicas in view 0 (primary 0), so that receivers accept them.
 */
final class SampleMessages {
  static final int BATCH_REQUESTS = 64;
  static final int SMALL_OPERATION_BYTES = 16;
  static final int LARGE_OPERATION_BYTES = 1024;
  static final long SEQ = 129;
  static final long STABLE_SEQ = 128;

  private SampleMessages() {}

  /** 64 requests with 16-byte operations (a small put), alternating between the two clients. */
  static List<Request> batch() {
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < BATCH_REQUESTS; i++) {
      byte[] op = new byte[SMALL_OPERATION_BYTES];
      Arrays.fill(op, (byte) i);
      requests.add(new Request(i % BenchCluster.CLIENTS, 1 + i / BenchCluster.CLIENTS, op));
    }
    return requests;
  }

  static PrePrepare prePrepare() {
    return PrePrepare.of(0, SEQ, batch());
  }

  static Prepare prepare(int replica) {
    return new Prepare(0, SEQ, prePrepare().digest(), replica);
  }

  static Commit commit(int replica) {
    return new Commit(0, SEQ, prePrepare().digest(), replica);
  }

  static Request largeRequest() {
    byte[] op = new byte[LARGE_OPERATION_BYTES];
    Arrays.fill(op, (byte) 0x5a);
    return new Request(0, 1_000, op);
  }

  static Checkpoint checkpoint(int replica) {
    return new Checkpoint(STABLE_SEQ, stateDigest(), replica);
  }

  /**
   * VIEW-CHANGE to view 1 from {@code replica}: a stable checkpoint proven by 2f+1 CHECKPOINTs
   * (replicas 0, 1, 2) and one prepared certificate above it, the PRE-PREPARE of the 64-request
   * batch with 2f PREPAREs from backups 1 and 2. Seven signatures in all, with its own.
   */
  static ViewChange viewChange(int replica) {
    List<Checkpoint> proof = List.of(checkpoint(0), checkpoint(1), checkpoint(2));
    PreparedCertificate certificate =
        new PreparedCertificate(prePrepare(), List.of(prepare(1), prepare(2)));
    return new ViewChange(1, STABLE_SEQ, stateDigest(), proof, List.of(certificate), replica);
  }

  private static Digest stateDigest() {
    return Digest.of(new byte[] {1, 2, 3});
  }
}
