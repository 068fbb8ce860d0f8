package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.pbft.config.NodeId;
import org.pbft.core.message.Message;

/**
 * Whatever the bytes, {@link SecureChannel#open} throws only {@link WireException}, for an
 * expected reason, and never through its last-resort net for unchecked exceptions.
 */
class FuzzProperties {
  private static final NodeId RECEIVER = NodeId.replica(0);
  private static final NodeId SENDER = NodeId.replica(1);
  /** What an outsider without the link key can provoke. */
  private static final Set<DropReason> BEFORE_THE_MAC = EnumSet.of(DropReason.OVERSIZED,
      DropReason.TRUNCATED, DropReason.UNSUPPORTED_VERSION, DropReason.MALFORMED,
      DropReason.WRONG_DESTINATION, DropReason.UNKNOWN_SENDER, DropReason.BAD_MAC);

  private final TestCluster cluster = new TestCluster();

  @Provide
  Arbitrary<Message> messages() {
    return WireArbitraries.messages();
  }

  private static void assertNoUnexpectedFailure(WireException e, Set<DropReason> expected) {
    assertTrue(expected.contains(e.reason()), e.getMessage());
    assertFalse(e.getMessage().contains("undecodable frame"), e.getMessage());
  }

  @Property(tries = 500)
  void randomBytes(@ForAll @Size(max = 300) byte[] bytes, @ForAll boolean asVersion1) {
    if (asVersion1 && bytes.length > 0) {
      bytes[0] = 1;
    }
    try {
      cluster.channel(RECEIVER).open(bytes);
    } catch (WireException e) {
      assertNoUnexpectedFailure(e, BEFORE_THE_MAC);
      return;
    }
    throw new AssertionError("random bytes were accepted");
  }

  /** Random bytes after a real header, with a valid link MAC: the decoder sees them all. */
  @Property(tries = 1000)
  void randomBodiesFromAnAuthenticatedPeer(@ForAll @Size(max = 400) byte[] body,
      @ForAll @IntRange(min = 0, max = 12) int type) {
    byte[] frame = cluster.seal(SENDER, RECEIVER, new org.pbft.core.message.FetchState(0, 1));
    byte[] header = java.util.Arrays.copyOf(frame, FrameHeader.LENGTH);
    byte[] forged = new byte[header.length + 1 + body.length + 32];
    System.arraycopy(header, 0, forged, 0, header.length);
    forged[header.length] = (byte) type;
    System.arraycopy(body, 0, forged, header.length + 1, body.length);
    openExpectingAnyReason(SecureChannel.remac(forged, cluster.linkKey(SENDER, RECEIVER)));
  }

  /** Valid frames with one mutation, link MAC recomputed or not. */
  @Property(tries = 1000)
  void mutatedFrames(@ForAll("messages") Message m, @ForAll("mutations") Mutation mutation,
      @ForAll boolean remac) throws WireException {
    Routes route = Routes.of(m, cluster.config());
    cluster.teach(route.from(), m);
    byte[] sealed = cluster.seal(route.from(), route.to(), m);
    byte[] frame = mutation.apply(sealed);
    // A changed header names other nodes, whose link key the MAC was not recomputed with.
    boolean headerKept = frame.length >= FrameHeader.LENGTH && java.util.Arrays.equals(
        sealed, 0, FrameHeader.LENGTH, frame, 0, FrameHeader.LENGTH);
    if (remac && headerKept && frame.length > 32) {
      frame = SecureChannel.remac(frame, cluster.linkKey(route.from(), route.to()));
    }
    SecureChannel receiver = cluster.newChannel(route.to(), Limits.defaults());
    if (remac && headerKept) {
      openExpectingAnyReason(receiver, frame);
    } else {
      try {
        receiver.open(frame);
      } catch (WireException e) {
        assertNoUnexpectedFailure(e, BEFORE_THE_MAC);
      }
    }
  }

  private void openExpectingAnyReason(byte[] frame) {
    openExpectingAnyReason(cluster.newChannel(RECEIVER, Limits.defaults()), frame);
  }

  /** A frame with a valid MAC may be refused for any reason but the MAC, or even accepted. */
  private static void openExpectingAnyReason(SecureChannel receiver, byte[] frame) {
    try {
      receiver.open(frame);
    } catch (WireException e) {
      assertNoUnexpectedFailure(e, EnumSet.complementOf(EnumSet.of(DropReason.BAD_MAC)));
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    Arbitrary<Integer> positions = Arbitraries.integers().between(0, 10_000);
    return Arbitraries.oneOf(
        positions.map(p -> (Mutation) f -> FrameSurgery.withByte(f, p % f.length,
            f[p % f.length] ^ (1 << (p % 8)))),
        positions.map(p -> (Mutation) f -> java.util.Arrays.copyOf(f, p % f.length)),
        WireArbitraries.bytes(1, 50).map(extra -> (Mutation) f -> concat(f, extra)),
        Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 1 << 24)
            .flatMap(v -> positions.map(p -> (Mutation) f ->
                f.length < 4 ? f : FrameSurgery.withInt(f, p % (f.length - 3), v))));
  }

  interface Mutation {
    byte[] apply(byte[] frame);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
