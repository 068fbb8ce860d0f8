package org.pbft.wire;

import java.util.ArrayList;
import java.util.List;
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
 * Reads what {@link CanonicalEncoder} writes, strictly: known type bytes, nested messages of the
 * expected type, replica ids below n, client ids below the number of clients, non-negative views
 * and sequence numbers, every length and count within {@link Limits} and within the bytes left.
 */
final class CanonicalDecoder {
  static final int DIGEST_BYTES = 32;
  // Smallest canonical encodings, to refuse counts that cannot fit before allocating anything.
  private static final int MIN_REQUEST = 1 + 8 + 8 + 4 + 1 + 4;
  private static final int MIN_PREPARE = 1 + 8 + 8 + DIGEST_BYTES + 4;
  private static final int MIN_PRE_PREPARE = 1 + 8 + 8 + DIGEST_BYTES + 4;
  private static final int MIN_CHECKPOINT = 1 + 8 + DIGEST_BYTES + 4;
  private static final int MIN_CERTIFICATE = MIN_PRE_PREPARE + 4;
  private static final int MIN_VIEW_CHANGE = 1 + 8 + 8 + DIGEST_BYTES + 4 + 4 + 4;

  private final WireReader in;
  private final int n;
  private final int clients;
  private final Limits limits;
  private final List<SignedPart> signed = new ArrayList<>();
  private final List<RequestPart> authenticated = new ArrayList<>();

  private CanonicalDecoder(WireReader in, int n, int clients, Limits limits) {
    this.in = in;
    this.n = n;
    this.clients = clients;
    this.limits = limits;
  }

  /** Reads one top-level message; the reader is left after its canonical bytes. */
  static CanonicalForm decode(WireReader in, int n, int clients, Limits limits)
      throws WireException {
    CanonicalDecoder decoder = new CanonicalDecoder(in, n, clients, limits);
    int start = in.position();
    int code = in.u8("message type");
    MessageType type = MessageType.ofCode(code);
    if (type == null) {
      throw new WireException(DropReason.UNKNOWN_TYPE, "message type byte " + code);
    }
    Message m = decoder.body(type, start, false, true);
    return new CanonicalForm(m, List.copyOf(decoder.signed), List.copyOf(decoder.authenticated));
  }

  /** A nested message, which must be of type {@code expected}. */
  private Message nested(MessageType expected, String field, boolean authenticateRequests)
      throws WireException {
    int start = in.position();
    int code = in.u8(field + " type");
    MessageType type = MessageType.ofCode(code);
    if (type == null) {
      throw new WireException(DropReason.UNKNOWN_TYPE, field + " has type byte " + code);
    }
    if (type != expected) {
      throw new WireException(
          DropReason.MALFORMED, field + " is a " + type + ", expected a " + expected);
    }
    return body(type, start, true, authenticateRequests);
  }

  private Message body(MessageType type, int start, boolean nested, boolean authenticateRequests)
      throws WireException {
    int slot = -1;
    if (type.signed) {
      slot = signed.size();
      signed.add(null);
    }
    Message m = switch (type) {
      case REQUEST -> request(start, authenticateRequests);
      case PRE_PREPARE -> prePrepare(!nested);
      case PREPARE -> new Prepare(in.nonNegative("PREPARE view"), in.nonNegative("PREPARE seq"),
          digest("PREPARE digest"), replica("PREPARE replica"));
      case COMMIT -> new Commit(in.nonNegative("COMMIT view"), in.nonNegative("COMMIT seq"),
          digest("COMMIT digest"), replica("COMMIT replica"));
      case CHECKPOINT -> new Checkpoint(in.nonNegative("CHECKPOINT seq"),
          digest("CHECKPOINT state digest"), replica("CHECKPOINT replica"));
      case VIEW_CHANGE -> viewChange();
      case NEW_VIEW -> newView();
      case REPLY -> reply();
      case FETCH_STATE ->
          new FetchState(in.nonNegative("FETCH-STATE seq"), replica("FETCH-STATE replica"));
      case STATE_SNAPSHOT -> new StateSnapshot(in.nonNegative("STATE-SNAPSHOT seq"),
          in.lengthPrefixed("STATE-SNAPSHOT state", limits.maxStateBytes()),
          replica("STATE-SNAPSHOT replica"));
      case STATUS -> new StatusReport(in.nonNegative("STATUS view"), in.flag("STATUS normal"),
          in.nonNegative("STATUS stable checkpoint"), in.nonNegative("STATUS last executed"),
          in.flag("STATUS suspects"), replica("STATUS replica"));
    };
    if (slot >= 0) {
      signed.set(slot, new SignedPart(m, Signers.signerOf(m, n), start,
          type.signedEnd(start, in.position()), nested));
    }
    return m;
  }

  private Reply reply() throws WireException {
    long view = in.nonNegative("REPLY view");
    long timestamp = in.i64("REPLY timestamp");
    long client = client("REPLY client");
    int replica = replica("REPLY replica");
    byte[] result = in.lengthPrefixed("REPLY result", limits.maxResultBytes());
    boolean readOnly = in.flag("REPLY read-only flag");
    boolean digestOnly = in.flag("REPLY digest flag");
    if (digestOnly && result.length != DIGEST_BYTES) {
      throw new WireException(DropReason.MALFORMED, "REPLY digest has " + result.length
          + " bytes, not " + DIGEST_BYTES);
    }
    return new Reply(view, timestamp, client, replica, result, readOnly, digestOnly);
  }

  private Request request(int start, boolean authenticateRequests) throws WireException {
    Request r = new Request(client("REQUEST client"), in.i64("REQUEST timestamp"),
        in.lengthPrefixed("REQUEST operation", limits.maxOperationBytes()),
        in.flag("REQUEST read-only flag"), replier());
    if (authenticateRequests) {
      authenticated.add(new RequestPart(r, start, in.position()));
    }
    return r;
  }

  private PrePrepare prePrepare(boolean authenticateRequests) throws WireException {
    long view = in.nonNegative("PRE-PREPARE view");
    long seq = in.nonNegative("PRE-PREPARE seq");
    Digest digest = digest("PRE-PREPARE digest");
    int count = in.count("PRE-PREPARE request count", limits.maxBatchRequests(), MIN_REQUEST);
    List<Request> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      requests.add((Request) nested(
          MessageType.REQUEST, "PRE-PREPARE request " + i, authenticateRequests));
    }
    return new PrePrepare(view, seq, digest, requests);
  }

  private ViewChange viewChange() throws WireException {
    long newView = in.nonNegative("VIEW-CHANGE view");
    long stableSeq = in.nonNegative("VIEW-CHANGE stable seq");
    Digest stateDigest = digest("VIEW-CHANGE state digest");
    int checkpoints = in.count("VIEW-CHANGE checkpoint count", n, MIN_CHECKPOINT);
    List<Checkpoint> proof = new ArrayList<>(checkpoints);
    for (int i = 0; i < checkpoints; i++) {
      proof.add((Checkpoint) nested(MessageType.CHECKPOINT, "VIEW-CHANGE C[" + i + "]", false));
    }
    int certificates =
        in.count("VIEW-CHANGE certificate count", limits.maxCertificates(), MIN_CERTIFICATE);
    List<PreparedCertificate> prepared = new ArrayList<>(certificates);
    for (int i = 0; i < certificates; i++) {
      PrePrepare pp = (PrePrepare) nested(
          MessageType.PRE_PREPARE, "VIEW-CHANGE P[" + i + "] pre-prepare", false);
      int count = in.count("VIEW-CHANGE P[" + i + "] prepare count", n, MIN_PREPARE);
      List<Prepare> prepares = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        prepares.add((Prepare) nested(
            MessageType.PREPARE, "VIEW-CHANGE P[" + i + "] prepare " + j, false));
      }
      prepared.add(new PreparedCertificate(pp, prepares));
    }
    int replica = replica("VIEW-CHANGE replica");
    return new ViewChange(newView, stableSeq, stateDigest, proof, prepared, replica);
  }

  private NewView newView() throws WireException {
    long view = in.nonNegative("NEW-VIEW view");
    int viewChanges = in.count("NEW-VIEW view change count", n, MIN_VIEW_CHANGE);
    List<ViewChange> v = new ArrayList<>(viewChanges);
    for (int i = 0; i < viewChanges; i++) {
      v.add((ViewChange) nested(MessageType.VIEW_CHANGE, "NEW-VIEW V[" + i + "]", false));
    }
    int prePrepares =
        in.count("NEW-VIEW pre-prepare count", limits.maxCertificates(), MIN_PRE_PREPARE);
    List<PrePrepare> o = new ArrayList<>(prePrepares);
    for (int i = 0; i < prePrepares; i++) {
      o.add((PrePrepare) nested(MessageType.PRE_PREPARE, "NEW-VIEW O[" + i + "]", false));
    }
    return new NewView(view, v, o);
  }

  private Digest digest(String field) throws WireException {
    return Digest.fromBytes(in.bytes(field, DIGEST_BYTES));
  }

  private int replica(String field) throws WireException {
    return in.index(field, n);
  }

  /** A request's designated replier: a replica, or Request.ALL_REPLY. */
  private int replier() throws WireException {
    int replier = in.i32("REQUEST replier");
    if (replier != Request.ALL_REPLY && (replier < 0 || replier >= n)) {
      throw new WireException(DropReason.MALFORMED, "REQUEST replier " + replier
          + " is neither a replica of " + n + " nor " + Request.ALL_REPLY + " (all)");
    }
    return replier;
  }

  private long client(String field) throws WireException {
    return in.longIndex(field, clients);
  }
}
