package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pbft.core.message.Message;
import org.pbft.core.message.NewView;

class RoundTripProperties {
  private final TestCluster cluster = new TestCluster();

  @Provide
  Arbitrary<Message> messages() {
    return WireArbitraries.messages();
  }

  @Provide
  Arbitrary<Long> counters() {
    return WireArbitraries.counters();
  }

  @Provide
  Arbitrary<NewView> newViews() {
    return WireArbitraries.newViews();
  }

  /**
   * Seal then open gives the same frame, every signature in it (nested ones too) verifying:
   * opening fails on any signature or request authenticator that is missing or wrong.
   */
  @Property(tries = 300)
  void sealThenOpenGivesTheSameFrame(
      @ForAll("messages") Message m, @ForAll long incarnation, @ForAll long lamport)
      throws WireException {
    Routes route = Routes.of(m, cluster.config());
    cluster.teach(route.from(), m);
    SecureChannel sender = cluster.channel(route.from());
    long missingBefore = sender.missingSignatures() + sender.missingRequestAuthenticators();
    // A fresh receiver: its replay state must not depend on earlier tries.
    SecureChannel receiver = cluster.newChannel(route.to(), Limits.defaults());

    byte[] frame = sender.seal(route.to(), incarnation, 5, lamport, m);

    assertEquals(new Frame(route.from(), route.to(), incarnation, 5, lamport, m),
        receiver.open(frame));
    assertEquals(missingBefore,
        sender.missingSignatures() + sender.missingRequestAuthenticators());
  }

  /** The canonical encoding is a function of the message: sealing twice gives the same bytes. */
  @Property(tries = 50)
  void sealingIsDeterministic(@ForAll("newViews") NewView m) throws WireException {
    Routes route = Routes.of(m, cluster.config());
    cluster.teach(route.from(), m);
    SecureChannel sender = cluster.channel(route.from());
    assertEquals(
        java.util.HexFormat.of().formatHex(sender.seal(route.to(), 1, 2, 3, m)),
        java.util.HexFormat.of().formatHex(sender.seal(route.to(), 1, 2, 3, m)));
  }
}
