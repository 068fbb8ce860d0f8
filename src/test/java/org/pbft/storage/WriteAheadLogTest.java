package org.pbft.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
  @TempDir
  Path dir;

  private static byte[] rec(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path logWith(String... records) throws Exception {
    Path file = dir.resolve("inputs.wal");
    try (WriteAheadLog log = WriteAheadLog.open(file, 3, true)) {
      for (String r : records) {
        log.append(rec(r));
      }
      log.sync();
    }
    return file;
  }

  private static List<String> reopen(Path file) throws Exception {
    try (WriteAheadLog log = WriteAheadLog.open(file, 3, true)) {
      return log.recovered().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }
  }

  @Test
  void recordsSurviveReopeningInOrder() throws Exception {
    Path file = logWith("one", "two", "three");
    assertEquals(List.of("one", "two", "three"), reopen(file));
    try (WriteAheadLog log = WriteAheadLog.open(file, 3, true)) {
      log.append(rec("four"));
      log.sync();
    }
    assertEquals(List.of("one", "two", "three", "four"), reopen(file));
  }

  @Test
  void oneSyncCoversABatchAndUnsyncedRecordsAreNotWritten() throws Exception {
    Path file = dir.resolve("inputs.wal");
    try (WriteAheadLog log = WriteAheadLog.open(file, 3, true)) {
      log.append(rec("a"));
      log.append(rec("b"));
      assertTrue(log.hasUnsynced());
      long before = Files.size(file);
      log.sync();
      assertEquals(1, log.syncs());
      assertEquals(before + 2 * (WriteAheadLog.RECORD_HEADER_BYTES + 1), Files.size(file));
      log.sync(); // nothing buffered: no write, no fsync
      assertEquals(1, log.syncs());
    }
  }

  @Test
  void aTornLastRecordIsCutOff() throws Exception {
    Path file = logWith("one", "two", "three");
    long full = Files.size(file);
    for (long cut = 1; cut < WriteAheadLog.RECORD_HEADER_BYTES + 5; cut++) {
      Path copy = dir.resolve("torn-" + cut + ".wal");
      Files.copy(file, copy);
      try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
        f.setLength(full - cut);
      }
      try (WriteAheadLog log = WriteAheadLog.open(copy, 3, true)) {
        assertEquals(2, log.recovered().size(), "cut " + cut);
        assertTrue(log.cutTailBytes() > 0);
        log.append(rec("new"));
        log.sync();
      }
      assertEquals(List.of("one", "two", "new"), reopen(copy), "cut " + cut);
    }
  }

  @Test
  void aLastRecordWithABadChecksumOrZerosAtTheEndIsATornTail() throws Exception {
    Path file = logWith("one", "two");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() - 1);
      f.write('X');
    }
    assertEquals(List.of("one"), reopen(file));
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length());
      f.write(new byte[4096]);
    }
    assertEquals(List.of("one"), reopen(file));
  }

  @Test
  void damageBeforeTheTailRefusesToOpenNamingFileAndOffset() throws Exception {
    Path file = logWith("first", "second", "third");
    long secondPayload = WriteAheadLog.HEADER_BYTES + (WriteAheadLog.RECORD_HEADER_BYTES + 5)
        + WriteAheadLog.RECORD_HEADER_BYTES;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(secondPayload);
      f.write('S');
    }
    CorruptStorageException e = assertThrows(CorruptStorageException.class, () -> reopen(file));
    assertEquals(WriteAheadLog.HEADER_BYTES + WriteAheadLog.RECORD_HEADER_BYTES + 5, e.offset());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("offset 29"), e.getMessage());
  }

  @Test
  void aDamagedLengthWithValidRecordsAfterItIsCorruptionNotATornTail() throws Exception {
    Path file = logWith("first", "second", "third");
    long secondRecord = WriteAheadLog.HEADER_BYTES + WriteAheadLog.RECORD_HEADER_BYTES + 5;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(secondRecord);
      f.writeInt(1_000_000); // reaches past the end, yet "third" follows intact
    }
    CorruptStorageException e = assertThrows(CorruptStorageException.class, () -> reopen(file));
    assertEquals(secondRecord, e.offset());
  }

  @Test
  void aHeaderCutShortByACrashWhileCreatingTheLogIsWrittenAgain() throws Exception {
    Path file = logWith();
    byte[] header = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(header, 5));
    assertEquals(List.of(), reopen(file));
    assertEquals(WriteAheadLog.HEADER_BYTES, Files.size(file));
  }

  @Test
  void aLogOfAnotherOwnerOrNotALogIsRefused() throws Exception {
    Path file = logWith("one");
    CorruptStorageException other = assertThrows(CorruptStorageException.class,
        () -> WriteAheadLog.open(file, 4, true));
    assertTrue(other.getMessage().contains("belongs to 3"), other.getMessage());
    Path text = dir.resolve("text.wal");
    Files.writeString(text, "hello, this is not a log at all");
    assertThrows(CorruptStorageException.class, () -> WriteAheadLog.open(text, 3, true));
  }

  @Test
  void aLargeRecordGrowsTheBuffer() throws Exception {
    byte[] big = new byte[300_000];
    big[12345] = 7;
    Path file = dir.resolve("big.wal");
    try (WriteAheadLog log = WriteAheadLog.open(file, 3, false)) {
      log.append(rec("small"));
      log.append(big);
      log.sync();
    }
    try (WriteAheadLog log = WriteAheadLog.open(file, 3, true)) {
      assertArrayEquals(big, log.recovered().get(1));
    }
  }

  @Test
  void emptyRecordsAreRejected() throws IOException, CorruptStorageException {
    try (WriteAheadLog log = WriteAheadLog.open(dir.resolve("e.wal"), 3, true)) {
      assertThrows(IllegalArgumentException.class, () -> log.append(new byte[0]));
    }
  }
}
