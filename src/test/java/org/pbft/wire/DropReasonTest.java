package org.pbft.wire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbft.wire.FrameSurgery.MESSAGE_AT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.pbft.config.NodeId;
import org.pbft.core.message.Batch;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.core.message.ViewChange;
import org.pbft.crypto.Authenticator;
import org.pbft.crypto.Hmac;

/** One frame refused for each {@link DropReason}, and the message says why. */
class DropReasonTest {
  private static final NodeId R0 = NodeId.replica(0);
  private static final NodeId R1 = NodeId.replica(1);
  private static final NodeId R2 = NodeId.replica(2);
  private static final NodeId R3 = NodeId.replica(3);
  private static final NodeId C0 = NodeId.client(0);
  private static final NodeId C1 = NodeId.client(1);
  private static final Digest D = Digest.of(new byte[] {1});
  /** Offset of a COMMIT's view, and of a PRE-PREPARE's request count. */
  private static final int VIEW_AT = MESSAGE_AT + 1;
  private static final int REQUEST_COUNT_AT = MESSAGE_AT + 1 + 8 + 8 + 32;
  private static final int COMMIT_REPLICA_AT = MESSAGE_AT + 1 + 8 + 8 + 32;

  private final TestCluster cluster = new TestCluster();

  private static WireException refused(DropReason expected, Executable open) {
    WireException e = assertThrows(WireException.class, open);
    assertEquals(expected, e.reason(), e.getMessage());
    return e;
  }

  private static void assertMentions(WireException e, String text) {
    assertTrue(e.getMessage().contains(text), "'" + e.getMessage() + "' lacks '" + text + "'");
  }

  private byte[] commitFrame() {
    return cluster.seal(R1, R0, new Commit(3, 4, D, 1));
  }

  private byte[] prePrepareFrame(Request r) throws WireException {
    cluster.send(C0, R0, r);
    return cluster.seal(R0, R1, PrePrepare.of(0, 1, List.of(r)));
  }

  @Test
  void oversizedFrame() {
    SecureChannel small = cluster.newChannel(R0, new Limits(
        300, 1 << 10, 1 << 10, 8, 8, 1 << 10, 10));
    byte[] frame = cluster.seal(C0, R0, new Request(0, 1, new byte[400]));
    assertMentions(refused(DropReason.OVERSIZED, () -> small.open(frame)), "limit 300");
  }

  @Test
  void oversizedOperation() {
    SecureChannel small = cluster.newChannel(R0, new Limits(
        1 << 20, 8, 1 << 10, 8, 8, 1 << 10, 10));
    byte[] frame = cluster.seal(C0, R0, new Request(0, 1, new byte[9]));
    assertMentions(refused(DropReason.OVERSIZED, () -> small.open(frame)),
        "REQUEST operation length 9 exceeds the limit 8");
  }

  @Test
  void hugeCountIsOversizedAndCountBeyondTheFrameIsTruncated() throws WireException {
    byte[] frame = prePrepareFrame(new Request(0, 1, new byte[] {5}));
    byte[] huge = SecureChannel.remac(
        FrameSurgery.withInt(frame, REQUEST_COUNT_AT, Integer.MAX_VALUE), cluster.linkKey(R0, R1));
    refused(DropReason.OVERSIZED, () -> cluster.channel(R1).open(huge));
    byte[] beyond = SecureChannel.remac(
        FrameSurgery.withInt(frame, REQUEST_COUNT_AT, 1000), cluster.linkKey(R0, R1));
    assertMentions(refused(DropReason.TRUNCATED, () -> cluster.channel(R1).open(beyond)),
        "PRE-PREPARE request count = 1000");
  }

  @Test
  void truncated() {
    refused(DropReason.TRUNCATED, () -> cluster.channel(R0).open(new byte[0]));
    refused(DropReason.TRUNCATED,
        () -> cluster.channel(R0).open(new byte[] {FrameHeader.VERSION, 0, 0}));
    byte[] cut = SecureChannel.remac(
        FrameSurgery.cutBeforeMac(commitFrame(), 2), cluster.linkKey(R1, R0));
    assertMentions(refused(DropReason.TRUNCATED, () -> cluster.channel(R0).open(cut)),
        "COMMIT replica");
  }

  @Test
  void unsupportedVersion() {
    byte[] next = FrameSurgery.withByte(commitFrame(), 0, FrameHeader.VERSION + 1);
    assertMentions(refused(DropReason.UNSUPPORTED_VERSION,
        () -> cluster.channel(R0).open(next)), "version " + (FrameHeader.VERSION + 1));
    // Version 1 signed a PRE-PREPARE's whole batch: its frames are not read.
    byte[] first = FrameSurgery.withByte(commitFrame(), 0, 1);
    assertMentions(refused(DropReason.UNSUPPORTED_VERSION,
        () -> cluster.channel(R0).open(first)), "version 1");
  }

  @Test
  void unknownType() {
    byte[] frame = SecureChannel.remac(
        FrameSurgery.withByte(commitFrame(), MESSAGE_AT, 99), cluster.linkKey(R1, R0));
    assertMentions(refused(DropReason.UNKNOWN_TYPE, () -> cluster.channel(R0).open(frame)),
        "99");
  }

  @Test
  void trailingBytesAreMalformed() {
    byte[] frame = SecureChannel.remac(
        FrameSurgery.insertBeforeMac(commitFrame(), new byte[] {0}), cluster.linkKey(R1, R0));
    assertMentions(refused(DropReason.MALFORMED, () -> cluster.channel(R0).open(frame)),
        "1 trailing bytes");
  }

  @Test
  void negativeViewOrReplicaOutOfRangeIsMalformed() {
    byte[] negative = SecureChannel.remac(
        FrameSurgery.withLong(commitFrame(), VIEW_AT, -1), cluster.linkKey(R1, R0));
    assertMentions(refused(DropReason.MALFORMED, () -> cluster.channel(R0).open(negative)),
        "COMMIT view is negative");
    byte[] outOfRange = SecureChannel.remac(
        FrameSurgery.withInt(commitFrame(), COMMIT_REPLICA_AT, 4), cluster.linkKey(R1, R0));
    assertMentions(refused(DropReason.MALFORMED, () -> cluster.channel(R0).open(outOfRange)),
        "COMMIT replica = 4 is outside [0, 4)");
  }

  @Test
  void nestedMessageOfTheWrongTypeIsMalformed() throws WireException {
    byte[] frame = prePrepareFrame(new Request(0, 1, new byte[] {5}));
    byte[] wrong = SecureChannel.remac(FrameSurgery.withByte(frame, REQUEST_COUNT_AT + 4, 3),
        cluster.linkKey(R0, R1));
    assertMentions(refused(DropReason.MALFORMED, () -> cluster.channel(R1).open(wrong)),
        "is a PREPARE, expected a REQUEST");
  }

  @Test
  void clientSendingAReplicaMessageIsMalformed() {
    byte[] frame = cluster.seal(C0, R0, new Commit(0, 1, D, 1));
    refused(DropReason.MALFORMED, () -> cluster.channel(R0).open(frame));
  }

  @Test
  void unknownSender() {
    byte[] fromStranger = FrameSurgery.withInt(commitFrame(), 2, 9); // sender index
    assertMentions(refused(DropReason.UNKNOWN_SENDER,
        () -> cluster.channel(R0).open(fromStranger)), "replica-9");
  }

  @Test
  void messageOfAnotherReplicaOrClientThanTheSenderIsRefused() {
    byte[] commitOfReplica2 = cluster.seal(R1, R0, new Commit(0, 1, D, 2));
    assertMentions(refused(DropReason.UNKNOWN_SENDER,
        () -> cluster.channel(R0).open(commitOfReplica2)), "replica-1 sent a COMMIT of replica 2");
    byte[] requestOfClient1 = cluster.seal(C0, R0, new Request(1, 1, new byte[0]));
    refused(DropReason.UNKNOWN_SENDER, () -> cluster.channel(R0).open(requestOfClient1));
  }

  @Test
  void wrongDestination() {
    byte[] toReplica2 = cluster.seal(R1, R2, new Commit(0, 1, D, 1));
    assertMentions(refused(DropReason.WRONG_DESTINATION,
        () -> cluster.channel(R3).open(toReplica2)), "frame for replica-2 reached replica-3");
    byte[] replyForClient1 = cluster.seal(R1, C0, new Reply(0, 1, 1, 1, new byte[0]));
    refused(DropReason.WRONG_DESTINATION, () -> cluster.channel(C0).open(replyForClient1));
  }

  @Test
  void badMac() {
    byte[] frame = commitFrame();
    byte[] flipped = FrameSurgery.withByte(frame, VIEW_AT, frame[VIEW_AT] ^ 1);
    refused(DropReason.BAD_MAC, () -> cluster.channel(R0).open(flipped));
    byte[] otherKey = SecureChannel.remac(frame, cluster.linkKey(R2, R0));
    refused(DropReason.BAD_MAC, () -> cluster.channel(R0).open(otherKey));
  }

  @Test
  void forgedNestedPrepareHasABadSignature() throws WireException {
    Request r = new Request(0, 1, new byte[] {1});
    PrePrepare pp = PrePrepare.of(0, 1, List.of(r));
    Prepare fromReplica2 = new Prepare(0, 1, pp.digest(), 2);
    ViewChange vc = new ViewChange(1, 0, D, List.of(),
        List.of(new PreparedCertificate(pp, List.of(fromReplica2))), 1);
    cluster.teach(R1, pp); // replica 1 saw the pre-prepare, but never replica 2's prepare

    byte[] forged = cluster.seal(R1, R3, vc);

    assertEquals(1, cluster.channel(R1).missingSignatures());
    assertMentions(refused(DropReason.BAD_SIGNATURE, () -> cluster.channel(R3).open(forged)),
        "nested PREPARE");
    cluster.teach(R1, fromReplica2); // once it has the signature, the same message goes through
    assertEquals(vc, cluster.send(R1, R3, vc).message());
  }

  @Test
  void prePrepareSignedByABackupHasABadSignature() throws WireException {
    Request r = new Request(0, 1, new byte[] {1});
    cluster.send(C0, R1, r);
    byte[] notFromPrimary = cluster.seal(R1, R2, PrePrepare.of(0, 1, List.of(r)));
    refused(DropReason.BAD_SIGNATURE, () -> cluster.channel(R2).open(notFromPrimary));
  }

  @Test
  void requestAuthenticatorEntryOfTheReceiverIsChecked() {
    byte[] frame = cluster.seal(C0, R1, new Request(0, 1, new byte[] {1}));
    int authenticatorAt = frame.length - Hmac.MAC_BYTES - TestCluster.N * Authenticator.ENTRY_BYTES;
    int entryOf1 = authenticatorAt + Authenticator.ENTRY_BYTES;
    int entryOf2 = authenticatorAt + 2 * Authenticator.ENTRY_BYTES;
    byte[] badFor1 = SecureChannel.remac(
        FrameSurgery.withByte(frame, entryOf1, frame[entryOf1] ^ 1), cluster.linkKey(C0, R1));
    byte[] badFor2 = SecureChannel.remac(
        FrameSurgery.withByte(frame, entryOf2, frame[entryOf2] ^ 1), cluster.linkKey(C0, R1));

    assertMentions(refused(DropReason.BAD_REQUEST_AUTHENTICATOR,
        () -> cluster.channel(R1).open(badFor1)), "entry of replica-1");
    assertDoesNotThrow(() -> cluster.channel(R1).open(badFor2)); // only its own entry counts
  }

  @Test
  void prePrepareOfARequestThePrimaryNeverGotHasBadAuthenticators() {
    Request r = new Request(1, 1, new byte[] {1});
    byte[] frame = cluster.seal(R0, R1, PrePrepare.of(0, 1, List.of(r)));
    assertEquals(1, cluster.channel(R0).missingRequestAuthenticators());
    refused(DropReason.BAD_REQUEST_AUTHENTICATOR, () -> cluster.channel(R1).open(frame));
  }

  @Test
  void prePrepareCarriesTheClientsAuthenticators() throws WireException {
    Request r = new Request(1, 1, new byte[] {1});
    byte[] frame = prePrepareFromPrimaryThatGot(r);
    assertEquals(Batch.digest(List.of(r)),
        ((PrePrepare) cluster.channel(R1).open(frame).message()).digest());
  }

  @Test
  void aBackupRelaysAClientsRequestWithTheClientsAuthenticator() throws WireException {
    Request r = new Request(1, 1, new byte[] {1});
    cluster.send(C1, R1, r);
    Request relayed = (Request) cluster.channel(R0).open(cluster.seal(R1, R0, r)).message();
    assertEquals(r, relayed);
  }

  @Test
  void aRelayedRequestTheBackupNeverGotHasABadAuthenticator() {
    Request r = new Request(1, 1, new byte[] {1});
    byte[] frame = cluster.seal(R1, R0, r);
    refused(DropReason.BAD_REQUEST_AUTHENTICATOR, () -> cluster.channel(R0).open(frame));
  }

  private byte[] prePrepareFromPrimaryThatGot(Request r) throws WireException {
    cluster.send(C1, R0, r);
    return cluster.seal(R0, R1, PrePrepare.of(0, 1, List.of(r)));
  }

  @Test
  void replayed() throws WireException {
    SecureChannel r0 = cluster.channel(R0);
    Commit commit = new Commit(0, 1, D, 1);
    SecureChannel r1 = cluster.channel(R1);
    byte[] first = r1.seal(R0, 5, 10, 0, commit);
    r0.open(first);
    assertMentions(refused(DropReason.REPLAYED, () -> r0.open(first)), "counter 10");
    byte[] lower = r1.seal(R0, 5, 9, 0, commit);
    refused(DropReason.REPLAYED, () -> r0.open(lower));
    byte[] olderRun = r1.seal(R0, 4, 1_000, 0, commit);
    refused(DropReason.REPLAYED, () -> r0.open(olderRun));
    byte[] restarted = r1.seal(R0, 6, 0, 0, commit);
    assertEquals(6, r0.open(restarted).incarnation());
  }
}
