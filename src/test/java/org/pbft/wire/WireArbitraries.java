package org.pbft.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.FetchState;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.StateSnapshot;
import org.pbft.core.message.StatusReport;
import org.pbft.core.message.ViewChange;

/**
 * Well-formed messages of every type for the {@link TestCluster}: ids in range, views and
 * sequence numbers non-negative (edge values included), small payloads and certificates.
 */
final class WireArbitraries {
  private WireArbitraries() {}

  static Arbitrary<Message> messages() {
    return Arbitraries.oneOf(requests(), prePrepares(), prepares(), commits(), checkpoints(),
        viewChanges(), newViews(), replies(), fetchStates(), snapshots(),
        statusReports());
  }

  static Arbitrary<Long> counters() {
    // Small values vary the primary; large ones (edge cases include Long.MAX_VALUE) the encoding.
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 20), Arbitraries.longs().between(0, Long.MAX_VALUE));
  }

  static Arbitrary<Digest> digests() {
    return bytes(32, 32).map(Digest::fromBytes);
  }

  static Arbitrary<Request> requests() {
    return Combinators.combine(clients(), Arbitraries.longs(), bytes(0, 40),
            Arbitraries.of(false, true))
        .as(Request::new);
  }

  static Arbitrary<PrePrepare> prePrepares() {
    Arbitrary<PrePrepare> withAnyDigest = Combinators.combine(
            counters(), counters(), digests(), requests().list().ofMaxSize(3))
        .as(PrePrepare::new);
    Arbitrary<PrePrepare> matching = Combinators.combine(
            counters(), counters(), requests().list().ofMaxSize(3))
        .as(PrePrepare::of);
    return Arbitraries.oneOf(withAnyDigest, matching);
  }

  static Arbitrary<Prepare> prepares() {
    return Combinators.combine(counters(), counters(), digests(), replicas()).as(Prepare::new);
  }

  static Arbitrary<Commit> commits() {
    return Combinators.combine(counters(), counters(), digests(), replicas()).as(Commit::new);
  }

  static Arbitrary<Checkpoint> checkpoints() {
    return Combinators.combine(counters(), digests(), replicas()).as(Checkpoint::new);
  }

  static Arbitrary<PreparedCertificate> certificates() {
    return Combinators.combine(prePrepares(), prepares().list().ofMaxSize(3))
        .as(PreparedCertificate::new);
  }

  static Arbitrary<ViewChange> viewChanges() {
    return Combinators.combine(counters(), counters(), digests(),
            checkpoints().list().ofMaxSize(TestCluster.N), certificates().list().ofMaxSize(2),
            replicas())
        .as(ViewChange::new);
  }

  static Arbitrary<NewView> newViews() {
    return Combinators.combine(counters(), viewChanges().list().ofMaxSize(3),
            prePrepares().list().ofMaxSize(3))
        .as(NewView::new);
  }

  static Arbitrary<Reply> replies() {
    return Combinators.combine(counters(), Arbitraries.longs(), clients(), replicas(),
            bytes(0, 40), Arbitraries.of(false, true))
        .as(Reply::new);
  }

  static Arbitrary<FetchState> fetchStates() {
    return Combinators.combine(counters(), replicas()).as(FetchState::new);
  }

  static Arbitrary<StatusReport> statusReports() {
    return Combinators.combine(counters(), Arbitraries.of(false, true), counters(), counters(),
        replicas()).as(StatusReport::new);
  }

  static Arbitrary<StateSnapshot> snapshots() {
    return Combinators.combine(counters(), bytes(0, 100), replicas()).as(StateSnapshot::new);
  }

  static Arbitrary<Integer> replicas() {
    return Arbitraries.integers().between(0, TestCluster.N - 1);
  }

  static Arbitrary<Long> clients() {
    return Arbitraries.longs().between(0, TestCluster.CLIENTS - 1);
  }

  static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }
}
