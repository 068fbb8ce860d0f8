package org.pbft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  void aBurstTakesEveryQueuedFrameInOrder() throws InterruptedException {
    FrameQueue q = new FrameQueue(1_000);
    q.offer(frame(1, 10));
    q.offer(frame(2, 10));
    q.offer(frame(3, 10));
    List<byte[]> burst = new ArrayList<>();
    assertTrue(q.drainTo(burst, 1, TimeUnit.MILLISECONDS));
    assertEquals(List.of(1, 2, 3), tags(burst));
    assertTrue(q.written(30), "nothing queued after the burst");
    assertFalse(q.drainTo(new ArrayList<>(), 1, TimeUnit.MILLISECONDS), "nothing came");
  }

  @Test
  void aBurstInTheWritersHandStillCountsAgainstTheCapacity() throws InterruptedException {
    FrameQueue q = new FrameQueue(100);
    q.offer(frame(1, 60));
    List<byte[]> burst = new ArrayList<>();
    q.drainTo(burst, 1, TimeUnit.MILLISECONDS);
    assertTrue(q.offer(frame(2, 30)), "60 in hand and 30 queued fit in 100");
    assertFalse(q.offer(frame(3, 30)), "60 in hand and 60 queued do not");
    assertFalse(q.written(60), "frame 2 is still queued");
    assertTrue(q.offer(frame(3, 30)), "once written, the burst's bytes are free");
  }

  @Test
  void theUnwrittenRestOfABurstGoesBackFirstAndStaysCounted() throws InterruptedException {
    FrameQueue q = new FrameQueue(100);
    q.offer(frame(1, 20));
    q.offer(frame(2, 20));
    q.offer(frame(3, 20));
    List<byte[]> burst = new ArrayList<>();
    q.drainTo(burst, 1, TimeUnit.MILLISECONDS);
    q.offer(frame(4, 20));
    q.putBack(burst.subList(1, 3), 20); // frame 1 was written, frame 2's write failed
    assertTrue(q.offer(frame(5, 20)), "2, 3, 4 and 5 queued: 80 of 100");
    assertFalse(q.offer(frame(6, 30)), "frame 1's 20 bytes were freed, no more");
    List<byte[]> again = new ArrayList<>();
    q.drainTo(again, 1, TimeUnit.MILLISECONDS);
    assertEquals(List.of(2, 3, 4, 5), tags(again));
  }

  @Test
  void aFrameLargerThanTheCapacityGoesAloneIntoAnEmptyQueue() {
    FrameQueue q = new FrameQueue(100);
    assertTrue(q.offer(frame(1, 500)));
    assertFalse(q.offer(frame(2, 1)));
  }
}
