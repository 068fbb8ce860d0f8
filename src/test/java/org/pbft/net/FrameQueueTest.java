package org.pbft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameQueueTest {
  private static byte[] frame(int tag, int size) {
    byte[] f = new byte[size];
    f[0] = (byte) tag;
    return f;
  }

  private static List<Integer> tags(List<byte[]> frames) {
    List<Integer> out = new ArrayList<>();
    frames.forEach(f -> out.add((int) f[0]));
    return out;
  }

  @Test
  void aBurstTakesQueuedFramesInOrderUpToItsLimit() {
    FrameQueue q = new FrameQueue(1_000);
    q.offer(frame(1, 10));
    q.offer(frame(2, 10));
    q.offer(frame(3, 10));
    List<byte[]> burst = new ArrayList<>();
    assertEquals(2, q.drainTo(burst, 2));
    assertEquals(List.of(1, 2), tags(burst));
    assertEquals(1, q.drainTo(burst, 2));
    assertEquals(List.of(1, 2, 3), tags(burst));
    assertTrue(q.isEmpty());
    assertEquals(0, q.drainTo(burst, 2), "nothing left");
  }

  @Test
  void framesTakenOutNoLongerCountAgainstTheCapacity() {
    FrameQueue q = new FrameQueue(100);
    q.offer(frame(1, 60));
    assertFalse(q.offer(frame(2, 60)), "60 queued and 60 more do not fit in 100");
    q.drainTo(new ArrayList<>(), 1);
    assertEquals(0, q.queuedBytes());
    assertTrue(q.offer(frame(2, 60)), "once taken out, the frame's bytes are free");
  }

  @Test
  void framesPutBackGoFirstInTheirOrderAndCountAgain() {
    FrameQueue q = new FrameQueue(100);
    q.offer(frame(1, 20));
    q.offer(frame(2, 20));
    q.offer(frame(3, 20));
    List<byte[]> burst = new ArrayList<>();
    q.drainTo(burst, 3);
    q.offer(frame(4, 20));
    q.putBack(burst.subList(1, 3)); // frame 1 was written, the socket did not take 2 and 3
    assertEquals(60, q.queuedBytes());
    assertTrue(q.offer(frame(5, 20)), "2, 3, 4 and 5 queued: 80 of 100");
    assertFalse(q.offer(frame(6, 30)), "frame 1's 20 bytes were freed, no more");
    List<byte[]> again = new ArrayList<>();
    q.drainTo(again, 10);
    assertEquals(List.of(2, 3, 4, 5), tags(again));
  }

  @Test
  void framesPutBackAreTakenEvenBeyondTheCapacity() {
    FrameQueue q = new FrameQueue(100);
    q.offer(frame(1, 80));
    q.putBack(List.of(frame(2, 80)));
    assertEquals(160, q.queuedBytes());
    List<byte[]> all = new ArrayList<>();
    q.drainTo(all, 10);
    assertEquals(List.of(2, 1), tags(all));
  }

  @Test
  void aFrameLargerThanTheCapacityGoesAloneIntoAnEmptyQueue() {
    FrameQueue q = new FrameQueue(100);
    assertTrue(q.offer(frame(1, 500)));
    assertFalse(q.offer(frame(2, 1)));
  }
}
