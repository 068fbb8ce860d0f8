package org.pbft.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pbft.storage.CorruptStorageException;
import org.pbft.storage.SnapshotFile;
import org.pbft.storage.WriteAheadLog;

/**
 * A replica's durable memory, in its data directory: the last snapshot of the whole replica and
 * every input its core consumed since, in order, in a {@link WriteAheadLog}. The core is
 * deterministic, so restoring the snapshot and replaying the inputs rebuilds exactly the state
 * they produced: the view and status, every message the replica sent, its certificates, its
 * checkpoints, the service state and the client table (proofs-notes/10-crash-recovery.md).
 *
 * <p>Records: a tick ({@code T}), an authenticated frame as it arrived ({@code F} then the
 * frame's bytes, so that replay remembers its signatures), and a restart ({@code R}).
 *
 * <p>Files: {@code inputs-G.wal} holds the inputs of generation G; {@code snapshot-G.snap} the
 * state after every input up to the end of generation G. A snapshot (taken at a stable
 * checkpoint, once the log has grown past a size) is written atomically, then generation G+1
 * starts, then the files it replaces are deleted: a crash at any point leaves either the old
 * snapshot with its log or the new one. {@code build} holds the {@link BuildFingerprint} of the
 * build that wrote the directory, and {@code lock} is locked while a process uses it: two
 * processes with one directory would each believe they are the replica.
 */
public final class InputLog implements AutoCloseable {
  private static final byte TICK = 'T';
  private static final byte FRAME = 'F';
  private static final byte RESTART = 'R';
  /** By default a snapshot replaces the log once it holds 64 MiB. */
  public static final long DEFAULT_SNAPSHOT_BYTES = 64L << 20;
  private static final Pattern WAL = Pattern.compile("inputs-(\\d+)\\.wal");
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d+)\\.snap");

  /** One recovered input. */
  public sealed interface Entry {}

  public record TickEntry() implements Entry {}

  public record FrameEntry(byte[] bytes) implements Entry {}

  public record RestartEntry() implements Entry {}

  private final Path dir;
  private final int replica;
  private final boolean fsync;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final byte[] snapshot;
  private final List<Entry> recovered;
  private final long cutTailBytes;
  /** Appended to by the event loop, synced by the group committer; replaced by a snapshot only
   * while the committer is idle. */
  private volatile WriteAheadLog wal;
  private long generation;
  private volatile long syncs;
  private volatile long records;
  private volatile long snapshots;
  private long snapshotAfterBytes = DEFAULT_SNAPSHOT_BYTES;

  private InputLog(Path dir, int replica, boolean fsync, FileChannel lockChannel, FileLock lock,
      byte[] snapshot, long generation, WriteAheadLog wal, List<Entry> recovered) {
    this.dir = dir;
    this.replica = replica;
    this.fsync = fsync;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.snapshot = snapshot;
    this.generation = generation;
    this.wal = wal;
    this.recovered = recovered;
    this.cutTailBytes = wal.cutTailBytes();
  }

  /**
   * Opens (or creates) the data directory of replica {@code replica}.
   *
   * @throws DataDirectoryException if another process holds the directory, another build wrote
   *     it, or its snapshot or log is damaged
   */
  public static InputLog open(Path dir, int replica, boolean fsync) throws IOException {
    return open(dir, replica, fsync, DEFAULT_SNAPSHOT_BYTES);
  }

  /**
   * As {@link #open(Path, int, boolean)}; the replica takes a snapshot at the first stable
   * checkpoint after its log has grown past {@code snapshotAfterBytes}.
   */
  public static InputLog open(Path dir, int replica, boolean fsync, long snapshotAfterBytes)
      throws IOException {
    if (snapshotAfterBytes < 1) {
      throw new IllegalArgumentException("snapshot threshold " + snapshotAfterBytes);
    }
    InputLog log = openDirectory(dir, replica, fsync);
    log.snapshotAfterBytes = snapshotAfterBytes;
    return log;
  }

  private static InputLog openDirectory(Path dir, int replica, boolean fsync) throws IOException {
    Files.createDirectories(dir);
    FileChannel lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new DataDirectoryException("the data directory " + dir + " is in use by another "
          + "replica process; stop it first (one directory per replica)");
    }
    try {
      checkBuild(dir);
      long snapshotGeneration = newest(dir, SNAPSHOT);
      byte[] snapshot = null;
      if (snapshotGeneration >= 0) {
        snapshot = SnapshotFile.read(snapshotFile(dir, snapshotGeneration), replica);
      }
      long generation = snapshotGeneration + 1;
      deleteStale(dir, snapshotGeneration);
      WriteAheadLog wal = WriteAheadLog.open(walFile(dir, generation), replica, fsync);
      List<Entry> entries = new ArrayList<>(wal.recovered().size());
      long index = 0;
      for (byte[] r : wal.recovered()) {
        entries.add(decode(walFile(dir, generation), r, index++));
      }
      return new InputLog(dir, replica, fsync, lockChannel, lock, snapshot, generation, wal,
          List.copyOf(entries));
    } catch (CorruptStorageException e) {
      lock.release();
      lockChannel.close();
      throw new DataDirectoryException(e.getMessage() + ". The replica will not start from a "
          + "state it cannot vouch for: restore the directory from a backup, or move it away and "
          + "start the replica with an empty one (it then rejoins by state transfer, and counts "
          + "as faulty until it has caught up)");
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  private static void checkBuild(Path dir) throws IOException {
    Path file = dir.resolve("build");
    String current = BuildFingerprint.current();
    if (!Files.exists(file)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.allMatch(p -> p.getFileName().toString().equals("lock"));
      }
      if (!empty) {
        throw new DataDirectoryException("the data directory " + dir + " holds files but no "
            + "record of the build that wrote them; it is not a replica's data directory");
      }
      Files.writeString(file, current + "\n", StandardCharsets.UTF_8);
      WriteAheadLog.syncDirectory(dir);
      return;
    }
    String wrote = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (!wrote.equals(current)) {
      throw new DataDirectoryException("the data directory " + dir + " was written by another "
          + "build of the replica (" + wrote.substring(0, Math.min(12, wrote.length()))
          + "..., this one is " + current.substring(0, 12) + "...): replaying it with this build "
          + "could rebuild another state and make the replica contradict what it sent. Run the "
          + "build that wrote it, or move the directory away and start with an empty one (the "
          + "replica then rejoins by state transfer, and counts as faulty until it has caught up)");
    }
  }

  private static long newest(Path dir, Pattern names) throws IOException {
    long newest = -1;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Matcher m = names.matcher(p.getFileName().toString());
        if (m.matches()) {
          newest = Math.max(newest, Long.parseLong(m.group(1)));
        }
      }
    }
    return newest;
  }

  /** Logs the snapshot replaced, older snapshots, and temporary files of an interrupted write. */
  private static void deleteStale(Path dir, long snapshotGeneration) throws IOException {
    boolean deleted = false;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        Matcher wal = WAL.matcher(name);
        Matcher snap = SNAPSHOT.matcher(name);
        if (name.endsWith(".tmp")
            || wal.matches() && Long.parseLong(wal.group(1)) <= snapshotGeneration
            || snap.matches() && Long.parseLong(snap.group(1)) < snapshotGeneration) {
          Files.delete(p);
          deleted = true;
        }
      }
    }
    if (deleted) {
      WriteAheadLog.syncDirectory(dir);
    }
  }

  private static Path walFile(Path dir, long generation) {
    return dir.resolve("inputs-" + generation + ".wal");
  }

  private static Path snapshotFile(Path dir, long generation) {
    return dir.resolve("snapshot-" + generation + ".snap");
  }

  private static Entry decode(Path file, byte[] r, long index) throws DataDirectoryException {
    switch (r[0]) {
      case TICK:
        return new TickEntry();
      case RESTART:
        return new RestartEntry();
      case FRAME:
        return new FrameEntry(Arrays.copyOfRange(r, 1, r.length));
      default:
        throw new DataDirectoryException("record " + index + " of " + file
            + " has unknown type " + (r[0] & 0xff) + " (written by a newer version?)");
    }
  }

  /** The snapshot found when the directory was opened, if any. */
  public Optional<byte[]> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  /** The inputs logged after the snapshot (or since the start), found at open. */
  public List<Entry> recovered() {
    return recovered;
  }

  /** True if there is anything to recover: the replica ran before. */
  public boolean restarted() {
    return snapshot != null || !recovered.isEmpty();
  }

  /** Bytes of a torn tail cut off at open (a crash during a write). */
  public long cutTailBytes() {
    return cutTailBytes;
  }

  void tick() {
    wal.append(new byte[] {TICK});
    records++;
  }

  void restart() {
    wal.append(new byte[] {RESTART});
    records++;
  }

  void frame(byte[] bytes) {
    byte[] r = new byte[bytes.length + 1];
    r[0] = FRAME;
    System.arraycopy(bytes, 0, r, 1, bytes.length);
    wal.append(r);
    records++;
  }

  boolean hasUnsynced() {
    return wal.hasUnsynced();
  }

  /** One write and one fsync for every input appended since the last sync (appends may go on
   * meanwhile, from another thread). */
  void sync() throws IOException {
    WriteAheadLog current = wal;
    if (current.hasUnsynced()) {
      current.sync();
      syncs++;
    }
  }

  /** True once the log has grown enough that a snapshot should replace it. */
  boolean wantsSnapshot() {
    return wal.size() >= snapshotAfterBytes;
  }

  /**
   * Replaces the log with {@code state}, the replica's state after every input logged so far
   * (all of them synced): the snapshot is written, a new generation of the log starts, and the
   * old log and snapshot are deleted.
   */
  void snapshot(byte[] state) throws IOException {
    if (wal.hasUnsynced()) {
      throw new IllegalStateException("a snapshot must follow a sync");
    }
    SnapshotFile.write(snapshotFile(dir, generation), replica, state);
    WriteAheadLog next;
    try {
      next = WriteAheadLog.open(walFile(dir, generation + 1), replica, fsync);
    } catch (CorruptStorageException e) {
      throw new IOException("a stale log of the next generation is damaged: " + e.getMessage());
    }
    if (!next.recovered().isEmpty()) {
      throw new IOException(walFile(dir, generation + 1) + " already holds inputs");
    }
    WriteAheadLog old = wal;
    wal = next;
    old.close();
    Files.deleteIfExists(walFile(dir, generation));
    Files.deleteIfExists(snapshotFile(dir, generation - 1));
    WriteAheadLog.syncDirectory(dir);
    generation++;
    snapshots++;
  }

  long syncs() {
    return syncs;
  }

  long records() {
    return records;
  }

  long snapshots() {
    return snapshots;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    try {
      wal.close();
    } finally {
      lock.release();
      lockChannel.close();
    }
  }
}
