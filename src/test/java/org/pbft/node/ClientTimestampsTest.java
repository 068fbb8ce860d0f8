package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request timestamps that grow across a client's restarts (a restart is a new instance reading
 * the same file), whatever the clock does, with a rare write of the reservation file, and a clear
 * word when that file is damaged or unusable.
 */
class ClientTimestampsTest {
  private static final long WINDOW = 1_000_000;

  @TempDir
  Path dir;

  private final List<String> warnings = new ArrayList<>();
  private long clock = 5_000_000_000L;

  private ClientTimestamps open() {
    return ClientTimestamps.persisted(dir.resolve("client-0.timestamp"), () -> clock, WINDOW,
        warnings::add);
  }

  private static long[] take(ClientTimestamps t, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = t.next();
    }
    return out;
  }

  @Test
  void timestampsFollowTheClockAndGrowWhenItStands() {
    try (ClientTimestamps t = open()) {
      assertEquals(clock, t.next());
      assertEquals(clock + 1, t.next(), "the clock did not move: previous + 1");
      clock += 500;
      assertEquals(clock, t.next());
    }
  }

  @Test
  void aNewSessionStartsAboveEverythingTheLastOneUsedWithTheSameClock() {
    long lastOfFirst;
    try (ClientTimestamps first = open()) {
      long[] used = take(first, 50);
      lastOfFirst = used[used.length - 1];
    }
    try (ClientTimestamps second = open()) {
      assertTrue(second.next() > lastOfFirst);
    }
    assertEquals(List.of(), warnings);
  }

  @Test
  void aClockSetBackBetweenSessionsCannotMakeTimestampsRepeat() {
    long lastOfFirst;
    try (ClientTimestamps first = open()) {
      clock += 3 * WINDOW; // a long session: several reservations
      long[] used = take(first, 10);
      lastOfFirst = used[used.length - 1];
    }
    clock -= 3_600_000_000L; // an hour back
    try (ClientTimestamps second = open()) {
      long t = second.next();
      assertTrue(t > lastOfFirst, t + " after " + lastOfFirst);
      assertTrue(second.next() > t);
    }
  }

  @Test
  void aClockSetBackWithinASessionCannotEither() {
    try (ClientTimestamps t = open()) {
      long before = t.next();
      clock -= 10 * WINDOW;
      long[] after = take(t, 3 * (int) WINDOW / 1000);
      assertTrue(after[0] > before);
      for (int i = 1; i < after.length; i++) {
        assertTrue(after[i] > after[i - 1]);
      }
    }
  }

  @Test
  void theFileIsWrittenAboutOncePerWindowNotPerRequest() throws IOException {
    try (ClientTimestamps t = open()) {
      assertEquals(1, t.reservationsWritten(), "one on opening");
      for (int i = 0; i < 20_000; i++) { // 20,000 requests over 2 s of clock
        clock += 100;
        t.next();
      }
      assertTrue(t.reservationsWritten() <= 3, t.reservationsWritten() + " writes");
      // and the file on disk covers every timestamp handed out
      long reserved = reserved(Files.readString(t.file()));
      assertTrue(reserved >= t.last(), reserved + " < " + t.last());
    }
    assertEquals(List.of(), Files.list(dir).map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".tmp")).toList(), "no temporary file left");
  }

  @Test
  void aDamagedFileFallsBackToTheClockAndItsModificationTimeWithAWarning() throws IOException {
    Path file = dir.resolve("client-0.timestamp");
    Files.writeString(file, "reserved 12x4 crc32 zz\n");
    long written = clock + 7 * WINDOW; // the file was last written when the clock was ahead
    Files.setLastModifiedTime(file, FileTime.from(written, TimeUnit.MICROSECONDS));
    try (ClientTimestamps t = open()) {
      assertTrue(t.next() > written + WINDOW - 1, "above the modification time plus a window");
    }
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains(file.toString()), warnings.get(0));
    assertTrue(warnings.get(0).contains("damaged"), warnings.get(0));
    warnings.clear();
    try (ClientTimestamps t = open()) {
      t.next();
    }
    assertEquals(List.of(), warnings, "the damaged file was replaced by a good one");
  }

  @Test
  void aChangedDigitIsCaughtByTheChecksum() throws IOException {
    long last;
    try (ClientTimestamps t = open()) {
      last = t.next();
    }
    Path file = dir.resolve("client-0.timestamp");
    String text = Files.readString(file);
    long r = reserved(text);
    Files.writeString(file, text.replace(Long.toString(r), Long.toString(r - 1_000_000_000L)));
    try (ClientTimestamps t = open()) {
      assertTrue(t.next() > last);
    }
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("checksum mismatch"), warnings.get(0));
  }

  @Test
  void anUnreadableFileStopsTheSessionWithAnErrorNamingIt() throws IOException {
    Path file = dir.resolve("client-0.timestamp");
    Files.createDirectory(file); // cannot be read as a file, nor replaced by a rename
    ClientTimestamps.TimestampFileException e =
        assertThrows(ClientTimestamps.TimestampFileException.class, this::open);
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
  }

  @Test
  void aSecondSessionWithTheSameIdAtTheSameTimeIsRefused() {
    try (ClientTimestamps first = open()) {
      ClientTimestamps.TimestampFileException e =
          assertThrows(ClientTimestamps.TimestampFileException.class, this::open);
      assertTrue(e.getMessage().contains("another session"), e.getMessage());
    }
    open().close(); // free again once the first one closed
  }

  @Test
  void clockOnlyTimestampsGrowWithoutAFile() {
    ClientTimestamps t = ClientTimestamps.clockOnly(() -> clock);
    assertEquals(clock, t.next());
    clock -= 10;
    assertEquals(clock + 11, t.next());
    assertEquals(0, t.reservationsWritten());
  }

  private static long reserved(String text) {
    return text.lines().filter(l -> l.startsWith("reserved "))
        .mapToLong(l -> Long.parseLong(l.split(" ")[1])).findFirst().orElseThrow();
  }
}
