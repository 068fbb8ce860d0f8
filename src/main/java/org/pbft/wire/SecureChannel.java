package org.pbft.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.pbft.config.ClusterConfig;
import org.pbft.config.NodeId;
import org.pbft.config.NodeKeys;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.crypto.Authenticator;
import org.pbft.crypto.Ed25519;
import org.pbft.crypto.Hmac;

/**
 * Turns protocol messages into authenticated frames and back, for one node of a cluster.
 *
 * <p>A frame is: {@link FrameHeader} (version 2, sender, receiver, incarnation, counter,
 * Lamport clock); the message's canonical bytes ({@link CanonicalEncoder}); the signature
 * section, one 64-byte Ed25519 signature per signed message in the canonical bytes (top-level
 * and nested, in the order their canonical bytes start; each over its message's canonical bytes,
 * a PRE-PREPARE's over its header only, {@link MessageType#PRE_PREPARE_SIGNED_BYTES}); the
 * authenticator section, one n * 32 byte client MAC authenticator per request of a top-level
 * REQUEST or PRE-PREPARE; and last an HMAC-SHA256 over everything before it, under the key the
 * sender shares with the receiver.
 *
 * <p>Thread-safe: {@link #seal} and {@link #open} may run concurrently on any threads.
 */
public final class SecureChannel {
  private final ClusterConfig config;
  private final NodeKeys keys;
  private final Limits limits;
  private final SignatureStore signatures;
  private final RequestAuthenticators authenticators;
  private final ReplayGuard replays = new ReplayGuard();

  public SecureChannel(ClusterConfig config, NodeKeys keys, Limits limits) {
    this.config = config;
    this.keys = keys;
    this.limits = limits;
    checkKeysFitCluster(config, keys);
    this.signatures = new SignatureStore(config, keys);
    this.authenticators =
        new RequestAuthenticators(keys, config.n(), limits.authenticatorCacheEntries());
  }

  private static void checkKeysFitCluster(ClusterConfig config, NodeKeys keys) {
    NodeId me = keys.id();
    if (!config.contains(me)) {
      throw new IllegalArgumentException(me + " is not a node of " + config);
    }
    if (!Arrays.equals(config.publicKey(me).getEncoded(), keys.publicKey().getEncoded())) {
      throw new IllegalArgumentException("the private key of " + me
          + " does not match its public key in the cluster configuration");
    }
    List<NodeId> peers = new ArrayList<>();
    for (int r = 0; r < config.n(); r++) {
      peers.add(NodeId.replica(r));
    }
    if (me.isReplica()) {
      for (int c = 0; c < config.clients(); c++) {
        peers.add(NodeId.client(c));
      }
    }
    for (NodeId peer : peers) {
      if (!peer.equals(me) && !keys.hasMacKey(peer)) {
        throw new IllegalArgumentException(me + " has no MAC key shared with " + peer);
      }
    }
  }

  public NodeId self() {
    return keys.id();
  }

  /**
   * The whole frame carrying {@code m} to {@code to}. Never fails for a well-typed message: a
   * signature or request authenticator this node does not have is sent as zeros and counted
   * ({@link #missingSignatures}, {@link #missingRequestAuthenticators}).
   *
   * @throws IllegalArgumentException if {@code to} is not a peer this node shares a key with
   */
  public byte[] seal(NodeId to, long incarnation, long counter, long lamport, Message m) {
    return sealEach(List.of(to), incarnation, new long[] {counter}, lamport, m)[0];
  }

  /**
   * The frames carrying {@code m} to each of {@code to}, the i-th with frame counter {@code
   * counters[i]}: the message is encoded, signed and given its request authenticators once, and
   * only each frame's header and link MAC are its own (a broadcast costs one encoding, not n - 1).
   *
   * @throws IllegalArgumentException if a destination is not a peer this node shares a key with
   */
  public byte[][] sealEach(List<NodeId> to, long incarnation, long[] counters, long lamport,
      Message m) {
    if (counters.length != to.size()) {
      throw new IllegalArgumentException(to.size() + " destinations, " + counters.length
          + " frame counters");
    }
    for (NodeId peer : to) {
      if (!config.contains(peer) || !keys.hasMacKey(peer)) {
        throw new IllegalArgumentException(keys.id() + " cannot send to " + peer);
      }
    }
    WireWriter out = WireWriter.forThisThread();
    // The body is encoded after a header of the right length (the signed parts' offsets count
    // from the frame's start); each frame then gets its own header in front of a copy.
    new FrameHeader(keys.id(), to.get(0), incarnation, counters[0], lamport).write(out);
    CanonicalForm form = CanonicalEncoder.encode(out, m, config.n());
    List<byte[]> sigs = new ArrayList<>();
    for (SignedPart part : form.signedParts()) {
      sigs.add(signatures.signatureFor(part, out.array(), m));
    }
    List<Authenticator> auths = new ArrayList<>();
    for (RequestPart part : form.authenticatedRequests()) {
      auths.add(authenticators.authenticatorFor(part, out.array()));
    }
    sigs.forEach(out::bytes);
    auths.forEach(a -> out.bytes(a.toBytes()));
    int bodyEnd = out.position();
    byte[][] frames = new byte[to.size()][];
    for (int i = 0; i < to.size(); i++) {
      byte[] frame = new byte[bodyEnd + Hmac.MAC_BYTES];
      WireWriter header = new WireWriter(frame);
      new FrameHeader(keys.id(), to.get(i), incarnation, counters[i], lamport).write(header);
      System.arraycopy(out.array(), FrameHeader.LENGTH, frame, FrameHeader.LENGTH,
          bodyEnd - FrameHeader.LENGTH);
      byte[] mac = Hmac.mac(keys.macKey(to.get(i)), frame, 0, bodyEnd);
      System.arraycopy(mac, 0, frame, bodyEnd, Hmac.MAC_BYTES);
      frames[i] = frame;
    }
    return frames;
  }

  /**
   * Whom a frame says it is for, read without authenticating anything (null if it is too short
   * or malformed there): for a process hosting several nodes to pick the channel that opens it.
   */
  public static NodeId addressee(byte[] frame) {
    if (frame.length < FrameHeader.LENGTH || (frame[0] & 0xff) != FrameHeader.VERSION) {
      return null;
    }
    try {
      return FrameHeader.readAfterVersion(new WireReader(frame, 1, FrameHeader.LENGTH)).to();
    } catch (WireException e) {
      return null;
    }
  }

  /**
   * Authenticates and decodes a frame; throws {@link WireException} and nothing else, whatever
   * the bytes. Checks run cheapest first: size, version, destination, sender, link MAC, replay,
   * strict decoding, sender rules, signatures, request authenticators.
   */
  public Frame open(byte[] frame) throws WireException {
    return open(frame, m -> false);
  }

  /**
   * As {@link #open}, but returns null, before any signature or request authenticator is checked
   * and without accepting the frame's counter, when {@code needless} says the authenticated
   * sender's message can be of no use to the receiver (the receiver then never sees it, as if the
   * network had lost it).
   */
  public Frame open(byte[] frame, Predicate<Message> needless) throws WireException {
    try {
      return openChecked(frame, false, needless);
    } catch (RuntimeException e) {
      // Every check above is meant to leave nothing to this net; it keeps the promise anyway.
      throw new WireException(DropReason.MALFORMED, "undecodable frame: " + e);
    }
  }

  /**
   * Opens a frame this node accepted before and wrote to its write-ahead log, when the log is
   * replayed after a restart: the checks of {@link #open} but freshness (the log's order is the
   * order the core consumed frames, which two reader threads may have accepted the other way
   * round) and the signature and request-authenticator checks (they passed when the frame
   * arrived); the frame's position is remembered so that a later replay of it on the wire is
   * refused. Its signatures are kept, as those of a frame that arrives, once the core accepts
   * its message ({@link #keep}).
   */
  public Frame reopen(byte[] frame) throws WireException {
    try {
      return openChecked(frame, true, m -> false);
    } catch (RuntimeException e) {
      throw new WireException(DropReason.MALFORMED, "undecodable frame: " + e);
    }
  }

  /**
   * A copy of a sealed frame whose link MAC is computed again over its bytes, after they were
   * edited: what a faulty peer that holds the link key can send. The simulator's wire attacks
   * and the wire tests use it to reach the checks behind the MAC.
   */
  public static byte[] remac(byte[] frame, byte[] linkKey) {
    byte[] copy = frame.clone();
    int macAt = copy.length - Hmac.MAC_BYTES;
    System.arraycopy(Hmac.mac(linkKey, copy, 0, macAt), 0, copy, macAt, Hmac.MAC_BYTES);
    return copy;
  }

  private Frame openChecked(byte[] frame, boolean fromLog, Predicate<Message> needless)
      throws WireException {
    FrameHeader header = authenticatedHeader(frame);
    if (!fromLog) {
      replays.checkFresh(header);
    }
    int macStart = frame.length - Hmac.MAC_BYTES;
    WireReader in = new WireReader(frame, FrameHeader.LENGTH, macStart);
    CanonicalForm form = CanonicalDecoder.decode(in, config.n(), config.clients(), limits);
    int signaturesAt = in.position();
    in.skip("signature section", (long) form.signedParts().size() * Ed25519.SIGNATURE_BYTES);
    int authenticatorsAt = in.position();
    in.skip("authenticator section",
        (long) form.authenticatedRequests().size() * authenticators.bytesEach());
    in.expectEnd("the authenticator section");

    SenderRules.check(header, form.message());
    if (needless.test(form.message())) {
      return null;
    }
    List<SignedPart> parts = form.signedParts();
    List<RequestPart> requests = form.authenticatedRequests();
    // A logged frame passed these checks when it arrived, and the log's checksums show it is
    // the same bytes; verifying its signatures again would make a restart cost as much as the
    // run it replays. The link MAC above is still checked: it catches keys changed under a log.
    List<Evidence.Item> evidence = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      evidence.add(signatures.verify(parts.get(i), frame,
          signaturesAt + i * Ed25519.SIGNATURE_BYTES, form.message(), !fromLog));
    }
    if (!fromLog) {
      for (int i = 0; i < requests.size(); i++) {
        authenticators.check(requests.get(i), frame,
            authenticatorsAt + i * authenticators.bytesEach(), "request " + i + " of the frame");
      }
    }
    if (fromLog) {
      replays.advanceTo(header);
    } else {
      replays.accept(header);
    }

    for (int i = 0; i < requests.size(); i++) {
      authenticators.remember(requests.get(i), frame,
          authenticatorsAt + i * authenticators.bytesEach(), header.from().isClient());
    }
    return new Frame(header.from(), header.to(), header.incarnation(), header.counter(),
        header.lamport(), form.message(),
        evidence.isEmpty() ? Evidence.NONE : new Evidence(evidence));
  }

  /** Size, version, header, destination, sender, then the link MAC over the whole frame. */
  private FrameHeader authenticatedHeader(byte[] frame) throws WireException {
    if (frame.length > limits.maxFrameBytes()) {
      throw new WireException(DropReason.OVERSIZED, "frame of " + frame.length
          + " bytes exceeds the limit " + limits.maxFrameBytes());
    }
    if (frame.length == 0) {
      throw new WireException(DropReason.TRUNCATED, "empty frame");
    }
    int version = frame[0] & 0xff;
    if (version != FrameHeader.VERSION) {
      throw new WireException(DropReason.UNSUPPORTED_VERSION,
          "version " + version + ", this node reads version " + FrameHeader.VERSION);
    }
    if (frame.length < FrameHeader.LENGTH + 1 + Hmac.MAC_BYTES) {
      throw new WireException(DropReason.TRUNCATED, "frame of " + frame.length
          + " bytes is shorter than a header, a type byte and a MAC");
    }
    WireReader in = new WireReader(frame, 1, FrameHeader.LENGTH);
    FrameHeader header = FrameHeader.readAfterVersion(in);
    if (!header.to().equals(keys.id())) {
      throw new WireException(DropReason.WRONG_DESTINATION,
          "frame for " + header.to() + " reached " + keys.id());
    }
    if (!config.contains(header.from()) || !keys.hasMacKey(header.from())) {
      throw new WireException(DropReason.UNKNOWN_SENDER,
          header.from() + " is not a peer of " + keys.id() + " in " + config);
    }
    int macStart = frame.length - Hmac.MAC_BYTES;
    if (!Hmac.verify(keys.macKey(header.from()), frame, 0, macStart, frame, macStart)) {
      throw new WireException(DropReason.BAD_MAC,
          "link MAC does not verify as " + header.from() + "'s");
    }
    return header;
  }

  /**
   * Remembers the signatures {@code frame} carried, for certificates this node will forward:
   * to be called once the core accepted the frame's message (not for one it ignored, so that
   * a peer cannot make this node hold more than its core does).
   */
  public void keep(Frame frame) {
    signatures.keep(frame.evidence());
  }

  /**
   * Forgets the signatures a replica whose low watermark is {@code h}, in {@code view}, can no
   * longer need (those of the log below h, of views before this one).
   */
  public void collectGarbage(long h, long view) {
    signatures.collectGarbage(h, view);
  }

  /** Signatures remembered for forwarding. */
  public int knownSignatures() {
    return signatures.size();
  }

  /**
   * What this channel learned from the frames it accepted, which a restarted replica needs
   * again: others' signatures and clients' request authenticators (to forward them as evidence)
   * and each sender's highest frame position (to keep refusing replays). Keys are not in it.
   */
  public record Memory(Map<Digest, SignatureStore.Known> signatures,
      Map<Digest, Authenticator> authenticators,
      Map<NodeId, long[]> positions) {}

  /** A copy of what this channel learned, for a snapshot of the replica. */
  public Memory memory() {
    return new Memory(signatures.copy(), authenticators.copy(), replays.positions());
  }

  /** Learns again what {@link #memory} returned, when a replica restarts from a snapshot. */
  public void restore(Memory memory) {
    signatures.restore(memory.signatures());
    authenticators.restore(memory.authenticators());
    replays.advanceTo(memory.positions());
  }

  /** Signatures sealed as zeros because this node had none for a message it forwarded. */
  public long missingSignatures() {
    return signatures.missing();
  }

  /** Request authenticators sealed as zeros because this node had none for a request. */
  public long missingRequestAuthenticators() {
    return authenticators.missing();
  }

  @Override
  public String toString() {
    return "SecureChannel[" + keys.id() + ", n=" + config.n() + ", clients=" + config.clients()
        + ", " + signatures.size() + " signatures known, " + missingSignatures()
        + " missing signatures, " + missingRequestAuthenticators()
        + " missing request authenticators]";
  }
}
