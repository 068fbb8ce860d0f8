package org.pbft.wire;

import org.pbft.config.NodeId;

/**
 * The fixed start of a frame: version (1 byte), sender and receiver (kind byte 0 = replica,
 * 1 = client, then an i32 index each), incarnation, counter, Lamport clock (i64 each).
 */
record FrameHeader(NodeId from, NodeId to, long incarnation, long counter, long lamport) {
  /**
   * 2: a PRE-PREPARE's signature covers PRE-PREPARE(v, n, d), not its batch (in 1 it did). 3: a
   * REQUEST names its designated replier and a REPLY may carry its result's digest only.
   */
  static final int VERSION = 3;
  static final int LENGTH = 1 + (1 + 4) * 2 + 8 * 3;

  void write(WireWriter out) {
    out.u8(VERSION);
    node(out, from);
    node(out, to);
    out.i64(incarnation);
    out.i64(counter);
    out.i64(lamport);
  }

  /** Reads the header after the version byte, which the caller has checked. */
  static FrameHeader readAfterVersion(WireReader in) throws WireException {
    NodeId from = node(in, "sender");
    NodeId to = node(in, "receiver");
    return new FrameHeader(from, to, in.i64("incarnation"), in.i64("counter"), in.i64("lamport"));
  }

  private static void node(WireWriter out, NodeId node) {
    out.u8(node.isReplica() ? 0 : 1);
    out.i32(node.index());
  }

  private static NodeId node(WireReader in, String field) throws WireException {
    int kind = in.u8(field + " kind");
    int index = in.i32(field + " index");
    if (kind > 1) {
      throw new WireException(DropReason.MALFORMED, field + " kind byte " + kind);
    }
    if (index < 0) {
      throw new WireException(DropReason.MALFORMED, field + " index is negative: " + index);
    }
    return kind == 0 ? NodeId.replica(index) : NodeId.client(index);
  }
}
