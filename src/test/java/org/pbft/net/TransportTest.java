package org.pbft.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransportTest {
  private static final int MAX = 1 << 20;
  private static final long QUEUE = 1 << 20;
  /** Frames that fill loopback's socket buffers and leave some waiting in the link's queue. */
  private static final int FLOOD_FRAMES = 128;
  private static final int FLOOD_FRAME_BYTES = 512 << 10;
  private static final long FLOOD_QUEUE = 128L << 20;

  @Test
  void framesArriveInOrderAndRepliesComeBackOnTheSameConnection() throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> atServer = new LinkedBlockingQueue<>();
    FrameSink echo = (c, frame) -> {
      atServer.add(frame);
      c.send(("re:" + new String(frame, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    };
    BlockingQueue<byte[]> atClient = new LinkedBlockingQueue<>();
    try (Listener server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE, echo, stats,
            MAX, "server");
        OutboundLink link = new OutboundLink(server.address(), QUEUE, (c, f) -> atClient.add(f),
            stats, MAX, "client")) {
      for (int i = 0; i < 20; i++) {
        assertTrue(link.send(("m" + i).getBytes(StandardCharsets.UTF_8)));
      }
      for (int i = 0; i < 20; i++) {
        assertEquals("m" + i, text(atServer.poll(10, TimeUnit.SECONDS)));
        assertEquals("re:m" + i, text(atClient.poll(10, TimeUnit.SECONDS)));
      }
    }
  }

  @Test
  void aLinkReconnectsWhenThePeerComesBackAndDeliversWhatWaited() throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    InetSocketAddress address;
    try (Listener first = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE,
        (c, f) -> received.add(f), stats, MAX, "first")) {
      address = first.address();
      try (OutboundLink link = new OutboundLink(address, QUEUE, (c, f) -> { }, stats, MAX, "l")) {
        link.send(new byte[] {1});
        assertArrayEquals(new byte[] {1}, received.poll(10, TimeUnit.SECONDS));
        first.close();
        waitUntil(() -> !link.connected());
        link.send(new byte[] {2});
        try (Listener second = new Listener(address, QUEUE, (c, f) -> received.add(f), stats, MAX,
            "second")) {
          byte[] frame = received.poll(10, TimeUnit.SECONDS);
          assertNotNull(frame, "the queued frame is delivered after reconnecting");
          assertArrayEquals(new byte[] {2}, frame);
        }
      }
    }
    assertTrue(stats.connects() >= 3, stats.toString());
  }

  @Test
  void aFullQueueRefusesFramesAndCountsThem() throws Exception {
    TransportStats stats = new TransportStats();
    // nobody listens on this port (bound, then closed): every frame waits in the queue
    InetSocketAddress nowhere;
    try (Listener l = new Listener(new InetSocketAddress("127.0.0.1", 0), 1, (c, f) -> { },
        stats, MAX, "tmp")) {
      nowhere = l.address();
    }
    try (OutboundLink link = new OutboundLink(nowhere, 2, (c, f) -> { }, stats, MAX, "l")) {
      assertTrue(link.send(new byte[] {1}));
      assertTrue(link.send(new byte[] {2}));
      assertFalse(link.send(new byte[] {3}));
      assertEquals(1, stats.droppedQueueFull());
    }
  }

  @Test
  void anOversizedLengthPrefixClosesTheConnection() throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    try (Listener server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE,
            (c, f) -> received.add(f), stats, 16, "server");
        OutboundLink link = new OutboundLink(server.address(), QUEUE, (c, f) -> { }, stats, MAX,
            "client")) {
      link.send(new byte[17]);
      waitUntil(() -> stats.disconnects() >= 1);
      assertTrue(received.isEmpty());
    }
  }

  @Test
  void atTheCapUnauthenticatedConnectionsGoFirstThenNewOnesAreRefused() throws Exception {
    TransportStats stats = new TransportStats();
    FrameSink authenticating = (c, f) -> c.markAuthenticated();
    try (Listener server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE, 2,
        authenticating, stats, MAX, "server");
        java.net.Socket silent = new java.net.Socket()) {
      silent.connect(server.address());
      waitUntil(() -> server.openConnections() == 1);
      try (OutboundLink peer = new OutboundLink(server.address(), QUEUE, (c, f) -> { }, stats,
          MAX, "peer")) {
        peer.send(new byte[] {1}); // authenticates (as a sink that checked it would say)
        waitUntil(() -> stats.framesReceived() == 1 && server.openConnections() == 2);
        try (OutboundLink second = new OutboundLink(server.address(), QUEUE, (c, f) -> { }, stats,
            MAX, "second")) {
          second.send(new byte[] {2});
          waitUntil(() -> stats.framesReceived() == 2);
          assertEquals(1, stats.refusedConnections(), "the silent one made room");
          assertEquals(-1, silent.getInputStream().read(), "closed by the listener");
          try (java.net.Socket third = new java.net.Socket()) {
            third.connect(server.address());
            third.setSoTimeout(5_000);
            assertEquals(-1, third.getInputStream().read(), "refused: both others authenticated");
            assertEquals(2, stats.refusedConnections());
          }
        }
      }
    }
  }

  @Test
  void aPeerThatStopsReadingBlocksNoSenderAndGetsEveryFrameInOrderWhenItReadsAgain()
      throws Exception {
    TransportStats stats = new TransportStats();
    java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    FrameSink stalled = (c, f) -> {
      try {
        reading.await(); // the server's thread stops reading: TCP's buffers fill up
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      received.add(f);
    };
    // 64 MiB in all: more than loopback's socket buffers can grow to (Linux lets a receive
    // buffer autotune up to net.ipv4.tcp_rmem's maximum, 32 MiB here, 4 MiB more to send).
    int frames = FLOOD_FRAMES;
    int size = FLOOD_FRAME_BYTES;
    try (Listener server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE, stalled,
            stats, MAX, "server");
        OutboundLink link = new OutboundLink(server.address(), FLOOD_QUEUE, (c, f) -> { }, stats,
            MAX, "client")) {
      waitUntil(link::connected);
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
          () -> {
            for (int i = 0; i < frames; i++) {
              byte[] frame = new byte[size];
              java.util.Arrays.fill(frame, (byte) i);
              assertTrue(link.send(frame));
            }
          }, "a sender waited for a peer that does not read");
      assertTrue(link.queuedBytes() > 0, "the socket took everything: the test proves nothing");
      reading.countDown();
      for (int i = 0; i < frames; i++) {
        byte[] frame = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(frame, "frame " + i + " of " + frames + " never arrived");
        assertEquals(size, frame.length);
        assertEquals((byte) i, frame[0], "frame " + i + " out of order");
        assertEquals((byte) i, frame[size - 1]);
      }
      assertEquals(0, link.queuedBytes());
    }
  }

  @Test
  void aFrameHalfWrittenWhenTheConnectionBrokeGoesWholeOnTheNextOne() throws Exception {
    TransportStats stats = new TransportStats();
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    FrameSink stalled = (c, f) -> {
      try {
        never.await(); // the first listener never reads past its first frame
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    int frames = FLOOD_FRAMES;
    int size = FLOOD_FRAME_BYTES;
    InetSocketAddress address;
    Listener first = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE, stalled, stats,
        MAX, "first");
    address = first.address();
    try (OutboundLink link = new OutboundLink(address, FLOOD_QUEUE, (c, f) -> { }, stats, MAX,
        "client")) {
      waitUntil(link::connected);
      for (int i = 0; i < frames; i++) {
        byte[] frame = new byte[size];
        java.util.Arrays.fill(frame, (byte) i);
        assertTrue(link.send(frame));
      }
      assertTrue(link.queuedBytes() > 0, "the socket took everything: the test proves nothing");
      first.close(); // the connection breaks with a frame partly written
      never.countDown();
      waitUntil(() -> !link.connected());
      try (Listener second = new Listener(address, FLOOD_QUEUE, (c, f) -> received.add(f), stats,
          MAX, "second")) {
        int last = -1;
        while (last < frames - 1) {
          byte[] frame = received.poll(10, TimeUnit.SECONDS);
          assertNotNull(frame, "frame " + (last + 1) + " or a later one never arrived");
          assertEquals(size, frame.length, "a frame arrived cut");
          int tag = frame[0];
          assertEquals(tag, frame[size - 1], "a frame arrived mixed with another");
          assertTrue(tag > last, "frame " + tag + " after frame " + last);
          last = tag;
        }
      }
    }
  }

  private static String text(byte[] frame) {
    assertNotNull(frame, "frame not received in time");
    return new String(frame, StandardCharsets.UTF_8);
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), "condition not reached in 10 s");
  }
}
