package org.pbft.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pbft.core.Effect;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Request;
import org.pbft.core.message.RequestKey;

/**
 * Agreement of correct replicas, judged on what they do rather than on the spec's terms: at each
 * executed sequence number the same requests in the same order, and at each checkpoint the same
 * digest of the service state (with the client table). A replica that skipped sequence numbers
 * through state transfer is compared where it did execute.
 */
public final class AgreementChecker {
  private record First<T>(T value, int replica) {}

  private final Map<Long, First<List<RequestKey>>> batches = new HashMap<>();
  private final Map<Long, First<Digest>> states = new HashMap<>();
  private final List<Violation> violations = new ArrayList<>();

  public void observeExecute(int replica, Effect.Execute x) {
    List<RequestKey> keys = x.requests().stream().map(Request::key).toList();
    First<List<RequestKey>> first = batches.putIfAbsent(x.seq(), new First<>(keys, replica));
    if (first != null && !first.value().equals(keys)) {
      violations.add(new Violation("Agreement", "at n = " + x.seq() + " replica " + replica
          + " executed " + keys + ", replica " + first.replica() + " executed " + first.value()));
    }
  }

  /** A CHECKPOINT a correct replica sent. */
  public void observeCheckpoint(int replica, Checkpoint c) {
    First<Digest> first = states.putIfAbsent(c.seq(), new First<>(c.stateDigest(), replica));
    if (first != null && !first.value().equals(c.stateDigest())) {
      violations.add(new Violation("Agreement", "checkpoint n = " + c.seq() + ": replica "
          + replica + " has state " + c.stateDigest() + ", replica " + first.replica() + " has "
          + first.value()));
    }
  }

  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** Sequence numbers some correct replica executed. */
  public int executedSequenceNumbers() {
    return batches.size();
  }
}
