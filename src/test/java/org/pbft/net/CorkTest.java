package org.pbft.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CorkTest {
  private static final int MAX = 1 << 20;
  private static final long QUEUE = 1 << 20;

  @Test
  void aCorkedThreadsFramesWaitUntilItUncorksThenLeaveInOrder() throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    try (Listener server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE,
            (c, f) -> received.add(f), stats, MAX, "server");
        OutboundLink link = new OutboundLink(server.address(), QUEUE, (c, f) -> { }, stats, MAX,
            "client")) {
      waitUntil(link::connected);
      Cork.cork();
      Cork.cork(); // nested: only the outermost uncork writes
      try {
        for (int i = 1; i <= 3; i++) {
          assertTrue(link.send(new byte[] {(byte) i}));
        }
        Cork.uncork();
        assertEquals(3, link.queuedBytes(), "corked: the three frames wait in the queue");
        assertEquals(0, stats.framesSent());
      } finally {
        Cork.uncork();
      }
      assertEquals(0, link.queuedBytes(), "uncorked: the socket took them");
      assertEquals(3, stats.framesSent());
      for (int i = 1; i <= 3; i++) {
        assertArrayEquals(new byte[] {(byte) i}, received.poll(10, TimeUnit.SECONDS));
      }
      assertTrue(link.send(new byte[] {4}));
      assertEquals(0, link.queuedBytes(), "not corked: written at once");
    }
  }

  @Test
  void uncorkWithoutACorkIsAMistakeThatSaysSo() {
    IllegalStateException e = assertThrows(IllegalStateException.class, Cork::uncork);
    assertTrue(e.getMessage().contains("uncork without a cork"), e.getMessage());
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), "condition not reached in 10 s");
  }
}
