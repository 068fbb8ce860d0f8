package org.pbft.wire;

import java.util.ArrayList;
import java.util.List;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
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
 * Writes a message's canonical bytes: its type byte, then its fields in record order; nested
 * messages in their own canonical form, so each is a contiguous slice that its signature covers.
 * Canonical bytes hold no signatures and no authenticators. {@link CanonicalDecoder} reads
 * exactly this.
 */
final class CanonicalEncoder {
  private final WireWriter out;
  private final int n;
  private final List<SignedPart> signed = new ArrayList<>();
  private final List<RequestPart> authenticated = new ArrayList<>();

  private CanonicalEncoder(WireWriter out, int n) {
    this.out = out;
    this.n = n;
  }

  static CanonicalForm encode(WireWriter out, Message m, int n) {
    CanonicalEncoder encoder = new CanonicalEncoder(out, n);
    encoder.message(m, false, true);
    return new CanonicalForm(m, List.copyOf(encoder.signed), List.copyOf(encoder.authenticated));
  }

  private void message(Message m, boolean nested, boolean authenticateRequests) {
    MessageType type = MessageType.of(m);
    int start = out.position();
    int slot = -1;
    if (type.signed) {
      slot = signed.size();
      signed.add(null); // parts are listed by start position: an outer one before its nested
    }
    out.u8(type.code);
    if (m instanceof Request r) {
      request(r);
      if (authenticateRequests) {
        authenticated.add(new RequestPart(r, start, out.position()));
      }
    } else if (m instanceof PrePrepare p) {
      prePrepare(p, !nested);
    } else if (m instanceof Prepare p) {
      out.i64(p.view());
      out.i64(p.seq());
      out.bytes(p.digest().bytes());
      out.i32(p.replica());
    } else if (m instanceof Commit c) {
      out.i64(c.view());
      out.i64(c.seq());
      out.bytes(c.digest().bytes());
      out.i32(c.replica());
    } else if (m instanceof Checkpoint c) {
      out.i64(c.seq());
      out.bytes(c.stateDigest().bytes());
      out.i32(c.replica());
    } else if (m instanceof ViewChange v) {
      viewChange(v);
    } else if (m instanceof NewView v) {
      newView(v);
    } else if (m instanceof Reply r) {
      out.i64(r.view());
      out.i64(r.timestamp());
      out.i64(r.clientId());
      out.i32(r.replica());
      out.lengthPrefixed(r.result());
      out.flag(r.readOnly());
      out.flag(r.digestOnly());
    } else if (m instanceof FetchState f) {
      out.i64(f.seq());
      out.i32(f.replica());
    } else if (m instanceof StateSnapshot s) {
      out.i64(s.seq());
      out.lengthPrefixed(s.state());
      out.i32(s.replica());
    } else if (m instanceof StatusReport s) {
      out.i64(s.view());
      out.flag(s.normal());
      out.i64(s.stableCheckpoint());
      out.i64(s.lastExecuted());
      out.flag(s.suspects());
      out.i32(s.replica());
    }
    if (slot >= 0) {
      signed.set(slot, new SignedPart(m, Signers.signerOf(m, n), start,
          type.signedEnd(start, out.position()), nested));
    }
  }

  private void request(Request r) {
    out.i64(r.clientId());
    out.i64(r.timestamp());
    out.lengthPrefixed(r.operation());
    out.flag(r.readOnly());
    out.i32(r.replier());
  }

  /** Requests of a top-level PRE-PREPARE travel with their clients' authenticators. */
  private void prePrepare(PrePrepare p, boolean authenticateRequests) {
    out.i64(p.view());
    out.i64(p.seq());
    out.bytes(p.digest().bytes());
    out.i32(p.requests().size());
    for (Request r : p.requests()) {
      message(r, true, authenticateRequests);
    }
  }

  private void viewChange(ViewChange v) {
    out.i64(v.newView());
    out.i64(v.stableSeq());
    out.bytes(v.stateDigest().bytes());
    out.i32(v.checkpointProof().size());
    for (Checkpoint c : v.checkpointProof()) {
      message(c, true, false);
    }
    out.i32(v.preparedCertificates().size());
    for (PreparedCertificate certificate : v.preparedCertificates()) {
      message(certificate.prePrepare(), true, false);
      out.i32(certificate.prepares().size());
      for (Prepare p : certificate.prepares()) {
        message(p, true, false);
      }
    }
    out.i32(v.replica());
  }

  private void newView(NewView v) {
    out.i64(v.view());
    out.i32(v.viewChanges().size());
    for (ViewChange vc : v.viewChanges()) {
      message(vc, true, false);
    }
    out.i32(v.prePrepares().size());
    for (PrePrepare p : v.prePrepares()) {
      message(p, true, false);
    }
  }
}
