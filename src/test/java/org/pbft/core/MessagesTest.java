package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.message.Batch;
import org.pbft.core.message.Digest;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

class MessagesTest {

  @Test
  void digestsCompareByValue() {
    Digest a = Digest.of(new byte[] {1, 2, 3});
    assertEquals(a, Digest.of(new byte[] {1, 2, 3}));
    assertEquals(a.hashCode(), Digest.fromBytes(a.bytes()).hashCode());
    assertNotEquals(a, Digest.of(new byte[] {1, 2, 4}));
    assertThrows(IllegalArgumentException.class, () -> Digest.fromBytes(new byte[3]));
  }

  @Test
  void requestsCompareByValueAndCannotBeChangedThroughTheirBytes() {
    byte[] op = {7};
    Request r = new Request(1, 2, op);
    op[0] = 8;
    r.operation()[0] = 9;
    assertEquals(new Request(1, 2, new byte[] {7}), r);
    assertNotEquals(new Request(1, 3, new byte[] {7}), r);
  }

  @Test
  void batchDigestDependsOnEveryRequestAndItsOrder() {
    Request a = new Request(1, 1, new byte[] {1});
    Request b = new Request(2, 1, new byte[] {1});
    assertNotEquals(Batch.digest(List.of(a, b)), Batch.digest(List.of(b, a)));
    assertNotEquals(Batch.digest(List.of(a)), Batch.nullDigest());
    assertEquals(Batch.nullDigest(), PrePrepare.of(3, 4, List.of()).digest());
  }

  @Test
  void prePrepareKnowsWhetherItsDigestMatchesItsBatch() {
    Request a = new Request(1, 1, new byte[] {1});
    assertTrue(PrePrepare.of(0, 1, List.of(a)).digestMatches());
    assertFalse(new PrePrepare(0, 1, Batch.nullDigest(), List.of(a)).digestMatches());
  }

  @Test
  void recordsCopyTheirLists() {
    List<Request> batch = new ArrayList<>(List.of(new Request(1, 1, new byte[0])));
    PrePrepare pp = PrePrepare.of(0, 1, batch);
    batch.clear();
    assertEquals(1, pp.requests().size());
    assertThrows(UnsupportedOperationException.class, () -> pp.requests().clear());
  }

  @Test
  void repliesCompareByValue() {
    assertEquals(new Reply(0, 1, 2, 3, new byte[] {4}), new Reply(0, 1, 2, 3, new byte[] {4}));
    assertNotEquals(new Reply(0, 1, 2, 3, new byte[] {4}), new Reply(0, 1, 2, 3, new byte[] {5}));
  }

  /** The batch's encoding, written out as the digest's documentation says. */
  private static byte[] encodingOf(List<Request> batch) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeInt(batch.size());
      for (Request r : batch) {
        out.writeLong(r.clientId());
        out.writeLong(r.timestamp());
        out.writeInt(r.operation().length);
        out.write(r.operation());
        out.writeBoolean(r.readOnly());
        out.writeInt(r.replier());
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void aBatchDigestIsTheSha256OfItsEncodingHashedAsItIsWritten() throws Exception {
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 100; i++) {
      List<Request> batch = new java.util.ArrayList<>();
      for (int k = random.nextInt(6); k > 0; k--) {
        byte[] op = new byte[random.nextInt(40)];
        random.nextBytes(op);
        batch.add(new Request(random.nextInt(9), random.nextLong(), op, random.nextBoolean(),
            random.nextInt(5) - 1));
      }
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(encodingOf(batch));
      assertEquals(org.pbft.core.message.Digest.fromBytes(sha), Batch.digest(batch));
    }
  }
}
