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
}
