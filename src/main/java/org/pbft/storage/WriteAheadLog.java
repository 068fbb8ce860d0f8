package org.pbft.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only log of records in one file, with group commit: {@link #append} only buffers,
 * {@link #sync} writes everything buffered and forces it to the disk with one fsync. Whatever a
 * caller does after {@code sync} returns (sending a message, say) therefore happens after the
 * records it depends on are durable, and durability is prefix-closed: a crash keeps a prefix of
 * the appended records.
 *
 * <p>File format: a 16-byte header ({@code PBFTWAL1}, a 4-byte format version, a 4-byte owner
 * tag that the caller checks, e.g. a replica id), then records, each {@code length} (4 bytes,
 * big-endian, at least 1), {@code CRC32C} of the payload (4 bytes), then {@code length} payload
 * bytes.
 *
 * <p>Opening a log reads it whole and judges its end. A crash in the middle of a write leaves a
 * torn tail: an incomplete record header, a length reaching past the end of the file, a last
 * record whose checksum fails, or zero bytes to the end (a file system may extend a file with
 * zeros). A torn tail is cut off (it was never synced, so nothing depended on it). A bad record
 * with anything else after it is damage, not a crash, and opening fails with {@link
 * CorruptStorageException} naming the file and offset.
 *
 * <p>Threads: one thread may append while another syncs (a pipelined group commit: the appender
 * goes on with the next batch while the disk forces the last one). A sync swaps the buffer out
 * under a short lock, then writes and forces outside it, and covers every record appended before
 * the swap. Syncs are serialized.
 */
public final class WriteAheadLog implements AutoCloseable {
  static final byte[] MAGIC = {'P', 'B', 'F', 'T', 'W', 'A', 'L', '1'};
  static final int VERSION = 1;
  static final int HEADER_BYTES = 16;
  static final int RECORD_HEADER_BYTES = 8;
  /** A record larger than this is taken for a damaged length field. */
  public static final int MAX_RECORD_BYTES = 64 << 20;

  private final Path file;
  private final FileChannel channel;
  private final boolean fsync;
  private final List<byte[]> recovered;
  private final long cutTailBytes;
  /** Guards {@link #buffer}: appends and the swap at the start of a sync. */
  private final Object appendLock = new Object();
  /** Records appended since the last swap. */
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  /** The buffer a sync writes from, then keeps for the next swap (used by the syncing thread). */
  private ByteBuffer spare = ByteBuffer.allocate(1 << 16);
  private volatile long size;
  private volatile long syncs;

  private WriteAheadLog(Path file, FileChannel channel, boolean fsync, List<byte[]> recovered,
      long cutTailBytes, long size) {
    this.file = file;
    this.channel = channel;
    this.fsync = fsync;
    this.recovered = recovered;
    this.cutTailBytes = cutTailBytes;
    this.size = size;
  }

  /**
   * Opens (or creates) the log in {@code file} for {@code owner}; a torn tail is cut off. With
   * {@code fsync} false, {@link #sync} writes to the operating system but does not force the
   * disk (for measuring what durability costs; a power cut may then lose synced records).
   *
   * @throws CorruptStorageException if a record before the tail is damaged, the header is not a log
   *     header, or the log belongs to another owner
   */
  public static WriteAheadLog open(Path file, int owner, boolean fsync)
      throws IOException, CorruptStorageException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean created = !Files.exists(file);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (created || channel.size() == 0 || isTornHeader(file, channel.size(), owner)) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
        header.put(MAGIC).putInt(VERSION).putInt(owner).flip();
        writeFully(channel, header, 0);
        channel.force(true);
        if (created) {
          syncDirectory(dir);
        }
        return new WriteAheadLog(file, channel, fsync, List.of(), 0, HEADER_BYTES);
      }
      byte[] bytes = Files.readAllBytes(file);
      checkHeader(file, bytes, owner);
      List<byte[]> records = new ArrayList<>();
      long end = scan(file, bytes, records);
      long cut = bytes.length - end;
      if (cut > 0) {
        channel.truncate(end);
        channel.force(true);
      }
      return new WriteAheadLog(file, channel, fsync, List.copyOf(records), cut, end);
    } catch (IOException | CorruptStorageException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** A file shorter than a header that holds a prefix of ours: a crash while creating it. */
  private static boolean isTornHeader(Path file, long size, int owner) throws IOException {
    if (size >= HEADER_BYTES) {
      return false;
    }
    ByteBuffer expected = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    expected.put(MAGIC).putInt(VERSION).putInt(owner);
    byte[] bytes = Files.readAllBytes(file);
    return Arrays.equals(bytes, Arrays.copyOf(expected.array(), bytes.length));
  }

  private static void checkHeader(Path file, byte[] bytes, int owner) throws CorruptStorageException {
    if (bytes.length < HEADER_BYTES
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new CorruptStorageException(file, 0, "not a write-ahead log (no PBFTWAL1 header)");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, 8).order(ByteOrder.BIG_ENDIAN);
    int version = header.getInt();
    int tag = header.getInt();
    if (version != VERSION) {
      throw new CorruptStorageException(file, MAGIC.length,
          "format version " + version + ", this program reads version " + VERSION);
    }
    if (tag != owner) {
      throw new CorruptStorageException(file, MAGIC.length + 4,
          "the log belongs to " + tag + ", not to " + owner);
    }
  }

  /** Adds the valid records to {@code out}; returns where the valid prefix ends. */
  private static long scan(Path file, byte[] bytes, List<byte[]> out)
      throws CorruptStorageException {
    int at = HEADER_BYTES;
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    while (at < bytes.length) {
      if (zerosFrom(bytes, at)) {
        return at; // preallocated or zero-filled after a crash: a torn tail
      }
      if (bytes.length - at < RECORD_HEADER_BYTES) {
        return at; // an incomplete record header
      }
      int length = in.getInt(at);
      int crc = in.getInt(at + 4);
      long end = (long) at + RECORD_HEADER_BYTES + Math.max(length, 0);
      if (length >= 1 && end > bytes.length || length > MAX_RECORD_BYTES) {
        // The payload was not all written, unless the length field itself is damaged: then a
        // valid record follows somewhere, and cutting here would drop synced records.
        long later = validRecordAfter(bytes, at + 1);
        if (later < 0) {
          return at;
        }
        throw new CorruptStorageException(file, at, "record length " + length + " reaches past the "
            + "end of the file, but a valid record follows at offset " + later);
      }
      if (length < 1) {
        throw new CorruptStorageException(file, at, "record length " + length);
      }
      int payloadAt = at + RECORD_HEADER_BYTES;
      if (crc32c(bytes, payloadAt, length) != crc) {
        if (end == bytes.length) {
          return at; // the last record, half written
        }
        throw new CorruptStorageException(file, at, "the checksum of a record of " + length
            + " bytes does not match, and " + (bytes.length - end) + " bytes follow it");
      }
      out.add(Arrays.copyOfRange(bytes, payloadAt, (int) end));
      at = (int) end;
    }
    return at;
  }

  /** The offset of the first well-formed record at or after {@code from}, or -1. */
  private static long validRecordAfter(byte[] bytes, int from) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    for (int at = from; at + RECORD_HEADER_BYTES < bytes.length; at++) {
      int length = in.getInt(at);
      if (length >= 1 && (long) at + RECORD_HEADER_BYTES + length <= bytes.length
          && crc32c(bytes, at + RECORD_HEADER_BYTES, length) == in.getInt(at + 4)) {
        return at;
      }
    }
    return -1;
  }

  private static boolean zerosFrom(byte[] bytes, int at) {
    for (int i = at; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  static int crc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** The records the log held when it was opened, in order (after cutting a torn tail). */
  public List<byte[]> recovered() {
    return recovered;
  }

  /** Bytes of a torn tail cut off when the log was opened (0 if it ended cleanly). */
  public long cutTailBytes() {
    return cutTailBytes;
  }

  /** Buffers one record; it is durable once a {@link #sync} that started after it returns. */
  public void append(byte[] payload) {
    if (payload.length < 1 || payload.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("record of " + payload.length + " bytes");
    }
    int needed = RECORD_HEADER_BYTES + payload.length;
    int crc = crc32c(payload, 0, payload.length);
    synchronized (appendLock) {
      if (buffer.remaining() < needed) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2,
            buffer.position() + needed));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
      }
      buffer.putInt(payload.length).putInt(crc).put(payload);
    }
  }

  /** True if records were appended since the last {@link #sync} started. */
  public boolean hasUnsynced() {
    synchronized (appendLock) {
      return buffer.position() > 0;
    }
  }

  /**
   * Writes every record appended so far and forces them to disk: one fsync for the whole batch.
   * Appends may go on meanwhile; they wait for the next sync.
   */
  public synchronized void sync() throws IOException {
    ByteBuffer batch;
    synchronized (appendLock) {
      if (buffer.position() == 0) {
        return;
      }
      batch = buffer;
      buffer = spare;
    }
    batch.flip();
    int bytes = batch.remaining();
    try {
      writeFully(channel, batch, size);
    } finally {
      // A failed write loses the batch: the caller must stop (nothing that depends on it may
      // leave), and a restart cuts whatever part of it reached the file as a torn tail.
      batch.clear();
      spare = batch;
    }
    size += bytes;
    if (fsync) {
      channel.force(false);
    }
    syncs++;
  }

  private static void writeFully(FileChannel channel, ByteBuffer b, long position)
      throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      at += channel.write(b, at);
    }
  }

  /** Makes a newly created or renamed file's directory entry durable. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for reading; Linux can, and that is where it counts.
      if (System.getProperty("os.name").toLowerCase().contains("linux")) {
        throw e;
      }
    }
  }

  /** Syncs performed (each one write and, with fsync on, one fsync). */
  public long syncs() {
    return syncs;
  }

  /** Bytes in the file, synced records only. */
  public long size() {
    return size;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      sync();
    } finally {
      channel.close();
    }
  }
}
