package org.pbft.bench;

import org.pbft.wire.SecureChannel;
import org.pbft.wire.WireException;

/**
 * Frames of one {@link WireSample}, sealed by a sender that has everything the message needs,
 * and receivers for them. Refuses to hand out a frame carrying a zero signature or
 * authenticator: a benchmark of frames the receiver would drop measures nothing useful.
 */
final class SampleFrames {
  final WireSample sample;
  final SecureChannel sender;
  private final BenchCluster cluster;

  SampleFrames(WireSample sample) {
    this.sample = sample;
    this.cluster = sample.readyCluster();
    this.sender = cluster.channel(sample.from);
  }

  /** The sample sealed with {@code counter}; a receiver accepts counters in increasing order. */
  byte[] seal(long counter) {
    byte[] frame = sender.seal(
        sample.to, BenchCluster.INCARNATION, counter, BenchCluster.LAMPORT, sample.message);
    if (sender.missingSignatures() + sender.missingRequestAuthenticators() > 0) {
      throw new IllegalStateException("the fixture sealed " + sample + " with zeros: " + sender);
    }
    return frame;
  }

  /** A receiver that has verified no signature and accepted no frame. */
  SecureChannel newReceiver() {
    return cluster.newChannel(sample.to);
  }

  /** A receiver that has opened {@code frame} once, so it knows the signatures in it. */
  SecureChannel receiverThatOpened(byte[] frame) {
    SecureChannel receiver = newReceiver();
    try {
      receiver.open(frame);
    } catch (WireException e) {
      throw new IllegalStateException("the receiver refused " + sample, e);
    }
    return receiver;
  }
}
