package org.pbft.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
  @TempDir
  Path dir;

  @Test
  void aSnapshotReadsBackAndReplacesTheOldOneWithoutLeavingATemporaryFile() throws Exception {
    Path file = dir.resolve("snapshot-3.snap");
    SnapshotFile.write(file, 2, new byte[] {1, 2, 3});
    SnapshotFile.write(file, 2, new byte[] {4, 5});
    assertArrayEquals(new byte[] {4, 5}, SnapshotFile.read(file, 2));
    assertFalse(Files.exists(dir.resolve("snapshot-3.snap.tmp")));
  }

  @Test
  void aDamagedSnapshotIsRefusedNamingTheFileAndOffset() throws Exception {
    Path file = dir.resolve("snapshot-1.snap");
    SnapshotFile.write(file, 2, new byte[1000]);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(SnapshotFile.HEADER_BYTES + 500);
      f.write(9);
    }
    CorruptStorageException e = assertThrows(CorruptStorageException.class,
        () -> SnapshotFile.read(file, 2));
    assertEquals(SnapshotFile.HEADER_BYTES, e.offset());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void aSnapshotCutShortOrOfAnotherOwnerIsRefused() throws Exception {
    Path file = dir.resolve("snapshot-1.snap");
    SnapshotFile.write(file, 2, new byte[100]);
    assertThrows(CorruptStorageException.class, () -> SnapshotFile.read(file, 1));
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 1);
    }
    CorruptStorageException e = assertThrows(CorruptStorageException.class,
        () -> SnapshotFile.read(file, 2));
    assertEquals(16, e.offset());
  }
}
