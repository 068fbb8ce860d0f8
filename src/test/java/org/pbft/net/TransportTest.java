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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportTest {
  private static final int MAX = 1 << 20;
  private static final long QUEUE = 1 << 20;
  /** Frames that fill loopback's socket buffers and leave some waiting in the link's queue. */
  private static final int FLOOD_FRAMES = 128;
  private static final int FLOOD_FRAME_BYTES = 512 << 10;
  private static final long FLOOD_QUEUE = 128L << 20;

  /** Who serves the connections (of the link, and of the listener where its sink never
   * blocks): each test runs with both. */
  enum Served { OWN_THREAD, LOOP }

  private IoLoop loop;

  @AfterEach
  void closeLoop() {
    if (loop != null) {
      loop.close();
    }
  }

  private OutboundLink link(Served served, InetSocketAddress to, long queue, FrameSink sink,
      TransportStats stats, String name) {
    return new OutboundLink(to, queue, sink, stats, MAX, name, loops(served));
  }

  /** A listener on any free port whose connections are served as {@code served} says. */
  private Listener listener(Served served, long queue, int maxConnections, FrameSink sink,
      TransportStats stats, int maxFrame, String name) throws java.io.IOException {
    return new Listener(new InetSocketAddress("127.0.0.1", 0), queue, maxConnections, sink,
        stats, maxFrame, name, loops(served));
  }

  private java.util.function.Supplier<IoLoop> loops(Served served) {
    if (served == Served.OWN_THREAD) {
      return null;
    }
    if (loop == null) {
      loop = IoLoop.open("test-io");
    }
    IoLoop own = loop;
    return () -> own;
  }

  @ParameterizedTest
  @EnumSource(Served.class)
  void framesArriveInOrderAndRepliesComeBackOnTheSameConnection(Served served) throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> atServer = new LinkedBlockingQueue<>();
    FrameSink echo = (c, frame) -> {
      atServer.add(frame);
      c.send(("re:" + new String(frame, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    };
    BlockingQueue<byte[]> atClient = new LinkedBlockingQueue<>();
    try (Listener server = listener(served, QUEUE, 64, echo, stats, MAX, "server");
        OutboundLink link = link(served, server.address(), QUEUE, (c, f) -> atClient.add(f),
            stats, "client")) {
      for (int i = 0; i < 20; i++) {
        assertTrue(link.send(("m" + i).getBytes(StandardCharsets.UTF_8)));
      }
      for (int i = 0; i < 20; i++) {
        assertEquals("m" + i, text(atServer.poll(10, TimeUnit.SECONDS)));
        assertEquals("re:m" + i, text(atClient.poll(10, TimeUnit.SECONDS)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Served.class)
  void aLinkReconnectsWhenThePeerComesBackAndDeliversWhatWaited(Served served) throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    InetSocketAddress address;
    try (Listener first = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE,
        (c, f) -> received.add(f), stats, MAX, "first")) {
      address = first.address();
      try (OutboundLink link = link(served, address, QUEUE, (c, f) -> { }, stats, "l")) {
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

  @ParameterizedTest
  @EnumSource(Served.class)
  void aFullQueueRefusesFramesAndCountsThem(Served served) throws Exception {
    TransportStats stats = new TransportStats();
    // nobody listens on this port (bound, then closed): every frame waits in the queue
    InetSocketAddress nowhere;
    try (Listener l = new Listener(new InetSocketAddress("127.0.0.1", 0), 1, (c, f) -> { },
        stats, MAX, "tmp")) {
      nowhere = l.address();
    }
    try (OutboundLink link = link(served, nowhere, 2, (c, f) -> { }, stats, "l")) {
      assertTrue(link.send(new byte[] {1}));
      assertTrue(link.send(new byte[] {2}));
      assertFalse(link.send(new byte[] {3}));
      assertEquals(1, stats.droppedQueueFull());
    }
  }

  @ParameterizedTest
  @EnumSource(Served.class)
  void anOversizedLengthPrefixClosesTheConnection(Served served) throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    try (Listener server = listener(served, QUEUE, 64, (c, f) -> received.add(f), stats, 16,
            "server");
        OutboundLink link = link(served, server.address(), QUEUE, (c, f) -> { }, stats,
            "client")) {
      link.send(new byte[17]);
      waitUntil(() -> stats.disconnects() >= 1);
      assertTrue(received.isEmpty());
    }
  }

  @ParameterizedTest
  @EnumSource(Served.class)
  void atTheCapUnauthenticatedConnectionsGoFirstThenNewOnesAreRefused(Served served)
      throws Exception {
    TransportStats stats = new TransportStats();
    FrameSink authenticating = (c, f) -> c.markAuthenticated();
    try (Listener server = listener(served, QUEUE, 2, authenticating, stats, MAX, "server");
        java.net.Socket silent = new java.net.Socket()) {
      silent.connect(server.address());
      waitUntil(() -> server.openConnections() == 1);
      try (OutboundLink peer = link(served, server.address(), QUEUE, (c, f) -> { }, stats,
          "peer")) {
        peer.send(new byte[] {1}); // authenticates (as a sink that checked it would say)
        waitUntil(() -> stats.framesReceived() == 1 && server.openConnections() == 2);
        try (OutboundLink second = link(served, server.address(), QUEUE, (c, f) -> { }, stats,
            "second")) {
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

  @ParameterizedTest
  @EnumSource(Served.class)
  void aPeerThatStopsReadingBlocksNoSenderAndGetsEveryFrameInOrderWhenItReadsAgain(Served served)
      throws Exception {
    TransportStats stats = new TransportStats();
    java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    FrameSink stalled = stalledUntil(reading, (c, f) -> received.add(f));
    // 64 MiB in all: more than loopback's socket buffers can grow to (Linux lets a receive
    // buffer autotune up to net.ipv4.tcp_rmem's maximum, 32 MiB here, 4 MiB more to send).
    int frames = FLOOD_FRAMES;
    int size = FLOOD_FRAME_BYTES;
    try (Listener server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE, stalled,
            stats, MAX, "server");
        OutboundLink link = link(served, server.address(), FLOOD_QUEUE, (c, f) -> { }, stats,
            "client")) {
      waitUntil(link::connected);
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
          () -> {
            for (int i = 0; i < frames; i++) {
              assertTrue(link.send(floodFrame(i)));
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

  @ParameterizedTest
  @EnumSource(Served.class)
  void aFrameHalfWrittenWhenTheConnectionBrokeGoesWholeOnTheNextOne(Served served)
      throws Exception {
    TransportStats stats = new TransportStats();
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    FrameSink stalled = stalledUntil(never, (c, f) -> { }); // never reads past its first frame
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    int frames = FLOOD_FRAMES;
    int size = FLOOD_FRAME_BYTES;
    InetSocketAddress address;
    Listener first = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE, stalled, stats,
        MAX, "first");
    address = first.address();
    try (OutboundLink link = link(served, address, FLOOD_QUEUE, (c, f) -> { }, stats, "client")) {
      waitUntil(link::connected);
      for (int i = 0; i < frames; i++) {
        assertTrue(link.send(floodFrame(i)));
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

  @Test
  void aLoopsSinkThatFailsClosesOnlyItsConnection() throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> atGood = new LinkedBlockingQueue<>();
    FrameSink echo = (c, frame) -> c.send(frame);
    try (Listener server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE, echo, stats,
            MAX, "server");
        OutboundLink bad = link(Served.LOOP, server.address(), QUEUE, (c, f) -> {
          throw new IllegalStateException("a handler's bug");
        }, stats, "bad");
        OutboundLink good = link(Served.LOOP, server.address(), QUEUE, (c, f) -> atGood.add(f),
            stats, "good")) {
      waitUntil(() -> bad.connected() && good.connected());
      long disconnects = stats.disconnects();
      bad.send(new byte[] {1});
      waitUntil(() -> stats.disconnects() > disconnects);
      for (int i = 0; i < 10; i++) {
        good.send(new byte[] {(byte) i});
        byte[] echoed = atGood.poll(10, TimeUnit.SECONDS);
        assertNotNull(echoed, "the loop stopped serving the other connection");
        assertEquals(i, echoed[0]);
      }
    }
  }

  @Test
  void aLinkWhoseLoopStopsReconnectsOnTheNextLoopItIsGiven() throws Exception {
    TransportStats stats = new TransportStats();
    BlockingQueue<byte[]> atClient = new LinkedBlockingQueue<>();
    FrameSink echo = (c, frame) -> c.send(frame);
    IoLoop[] current = {IoLoop.open("first-io")};
    try (Listener server = new Listener(new InetSocketAddress("127.0.0.1", 0), QUEUE, echo, stats,
            MAX, "server");
        OutboundLink link = new OutboundLink(server.address(), QUEUE, (c, f) -> atClient.add(f),
            stats, MAX, "client", () -> current[0])) {
      link.send(new byte[] {1});
      assertArrayEquals(new byte[] {1}, atClient.poll(10, TimeUnit.SECONDS));
      IoLoop first = current[0];
      current[0] = IoLoop.open("second-io");
      first.close(); // its connections close with it
      waitUntil(() -> stats.disconnects() >= 2); // both ends of the link's connection
      link.send(new byte[] {2});
      assertArrayEquals(new byte[] {2}, atClient.poll(10, TimeUnit.SECONDS),
          "the link did not reconnect on the second loop");
    } finally {
      current[0].close();
    }
  }

  /**
   * A sink that holds credit for every frame and releases none stops its connection reading
   * after about a queue's worth (a thread waits in {@link Connection#holdInbound}, a loop stops
   * reading the socket); once the credit comes back, the rest arrives, in order.
   */
  @ParameterizedTest
  @EnumSource(Served.class)
  void aSinkThatHoldsAQueuesWorthStopsItsConnectionUntilItReleasesCredit(Served served)
      throws Exception {
    TransportStats stats = new TransportStats();
    int queue = 64 << 10;
    int size = 4 << 10;
    int frames = 128; // 512 KiB: eight queues' worth, within loopback's socket buffers
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> credits = new LinkedBlockingQueue<>();
    Connection[] server = new Connection[1];
    FrameSink holding = (c, f) -> {
      try {
        server[0] = c;
        credits.add(c.holdInbound(f.length));
        received.add(f);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    try (Listener l = listener(served, queue, 64, holding, stats, MAX, "server");
        OutboundLink link = link(served, l.address(), FLOOD_QUEUE, (c, f) -> { }, stats,
            "client")) {
      for (int i = 0; i < frames; i++) {
        byte[] frame = new byte[size];
        java.util.Arrays.fill(frame, (byte) i);
        assertTrue(link.send(frame));
      }
      waitUntil(() -> received.size() * size >= queue);
      Thread.sleep(300); // time to read on, were the connection still reading
      int held = received.size();
      // A queue's worth, and on a loop what its last read brought beyond it (64 KiB at most).
      assertTrue(held * size <= queue + (64 << 10) + size, held + " frames taken in");
      assertTrue(held < frames, "everything was taken in: nothing stopped the connection");
      java.util.List<byte[]> all = new java.util.ArrayList<>();
      while (all.size() < frames) {
        Integer credit = credits.poll(10, TimeUnit.SECONDS);
        assertNotNull(credit, "frame " + all.size() + " of " + frames + " never arrived");
        server[0].releaseInbound(credit);
        all.add(received.take());
      }
      for (int i = 0; i < frames; i++) {
        assertEquals((byte) i, all.get(i)[0], "frame " + i + " out of order");
      }
    }
  }

  /**
   * A sink that waits for {@code go} before it hands a frame to {@code then}: its connection's
   * reader stops reading, and TCP's buffers fill up.
   */
  private static FrameSink stalledUntil(java.util.concurrent.CountDownLatch go, FrameSink then) {
    return (c, f) -> {
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      then.onFrame(c, f);
    };
  }

  /** Frame {@code i} of a flood: {@code FLOOD_FRAME_BYTES} bytes, each of them {@code i}. */
  private static byte[] floodFrame(int i) {
    byte[] frame = new byte[FLOOD_FRAME_BYTES];
    java.util.Arrays.fill(frame, (byte) i);
    return frame;
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
