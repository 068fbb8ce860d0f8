package org.pbft.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.pbft.client.TimestampSource;

/**
 * Request timestamps of a client process that grow across its restarts, so that replicas, which
 * remember the last timestamp they executed for each client, accept a new session's requests at
 * once. As in Castro and Liskov (section 4.1) they come from the client's clock: each is {@code
 * max(previous + 1, clock)}, the clock in microseconds since the epoch.
 *
 * <p>A clock can step back between two sessions (NTP, a manual change, another host). Against
 * that, {@link #persisted} keeps a floor in a small file: a <em>reservation</em> R, the promise
 * that no timestamp above R was used. Before it hands out a timestamp above R, it writes a new
 * reservation (that timestamp plus {@code windowMicros}) to a temporary file, fsyncs it, renames
 * it over the file and fsyncs the directory; a new session starts above the R it reads. With the
 * clock driving the timestamps, that is one small write per {@code windowMicros} of activity,
 * not one per request. The session also holds a lock next to the file, so a second session with
 * the same client id fails at once instead of making the first one's requests stale.
 *
 * <p>A file that cannot be parsed (the writes are atomic, so a crash does not leave one; someone
 * edited or damaged it) is not fatal: the session falls back to the clock and to the file's
 * modification time plus the window (the clock when the file was last written), warns with the
 * file's name and what was wrong, and writes a fresh reservation. That is as good as deleting the
 * file, which is all an operator could do, and the warning says what can still go wrong. A file
 * that cannot be read or written (permissions, a directory in its place) stops the session with
 * an error naming it: without the floor a clock stepping back would go unnoticed.
 *
 * <p>Not thread-safe: a client's event loop calls {@link #next()}. The clock is injected; only
 * {@link #wallClockMicros()} reads the real one.
 */
public final class ClientTimestamps implements TimestampSource, AutoCloseable {
  /** One second: a new reservation about once a second while requests are made. */
  public static final long DEFAULT_WINDOW_MICROS = 1_000_000;

  private static final Pattern RESERVATION =
      Pattern.compile("reserved ([0-9]{1,19}) crc32 ([0-9a-f]{8})");

  private final LongSupplier clockMicros;
  private final Path file;
  private final long windowMicros;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private long last;
  private long reserved;
  private int reservationsWritten;

  private ClientTimestamps(LongSupplier clockMicros, Path file, long windowMicros,
      FileChannel lockChannel, FileLock lock) {
    this.clockMicros = clockMicros;
    this.file = file;
    this.windowMicros = windowMicros;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Timestamps from {@code clockMicros} alone, growing within this process only. */
  public static ClientTimestamps clockOnly(LongSupplier clockMicros) {
    return new ClientTimestamps(clockMicros, null, 0, null, null);
  }

  /**
   * Timestamps from {@code clockMicros} above the reservation in {@code file} (created when
   * missing), which it keeps {@code windowMicros} ahead of the timestamps handed out. {@code
   * warnings} hears about a damaged file that was replaced.
   *
   * @throws TimestampFileException when the file or its lock cannot be read, written or taken
   */
  public static ClientTimestamps persisted(Path file, LongSupplier clockMicros, long windowMicros,
      Consumer<String> warnings) {
    if (windowMicros < 1) {
      throw new IllegalArgumentException("reservation window must be positive");
    }
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel;
    FileLock lock;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new TimestampFileException(lockFile + ": cannot open the client's lock file ("
          + describe(e) + "); make its directory writable, or choose another with --data", e);
    }
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new TimestampFileException(lockFile + " is locked: another session of this client id "
          + "is running; stop it, or use another client id (one session per id at a time)");
    }
    ClientTimestamps t = new ClientTimestamps(clockMicros, file, windowMicros, channel, lock);
    try {
      t.last = t.readFloor(warnings);
      t.reserve(Math.max(t.last + 1, clockMicros.getAsLong()));
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  /** The real clock: microseconds since the epoch. */
  public static long wallClockMicros() {
    Instant now = Instant.now();
    return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1_000;
  }

  @Override
  public long next() {
    long t = Math.max(last + 1, clockMicros.getAsLong());
    if (file != null && t > reserved) {
      reserve(t);
    }
    last = t;
    return t;
  }

  /** How many reservations this instance wrote (the one written on opening included). */
  public int reservationsWritten() {
    return reservationsWritten;
  }

  /** The file holding the reservation, or null for {@link #clockOnly}. */
  public Path file() {
    return file;
  }

  /** The last timestamp handed out, or the floor a new session starts above. */
  long last() {
    return last;
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    if (lockChannel != null) {
      closeQuietly(lockChannel);
    }
  }

  /** The reservation in the file, 0 when there is none, or a fallback for a damaged file. */
  private long readFloor(Consumer<String> warnings) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new TimestampFileException(file + ": cannot read this client's timestamp reservation ("
          + describe(e) + "); fix or remove it (a fresh one is then started from the clock)", e);
    }
    String problem = problemWith(text);
    if (problem == null) {
      return parse(text);
    }
    long modified;
    try {
      modified = Files.getLastModifiedTime(file).to(TimeUnit.MICROSECONDS);
    } catch (IOException e) {
      modified = 0;
    }
    long floor = Math.max(0, saturatedAdd(modified, windowMicros));
    warnings.accept("warning: " + file + " is damaged (" + problem + "); replacing it. This "
        + "session's timestamps start from the clock and from the file's modification time "
        + "plus " + windowMicros + " us. If the clock was set back since that client's last "
        + "session, replicas may ignore its requests as stale until the clock catches up.");
    return floor;
  }

  /** Null when {@code text} holds one well-formed reservation, else what is wrong with it. */
  private static String problemWith(String text) {
    List<String> lines = text.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (lines.size() != 1) {
      return lines.isEmpty() ? "no reservation line" : lines.size() + " reservation lines";
    }
    Matcher m = RESERVATION.matcher(lines.get(0));
    if (!m.matches()) {
      return "expected 'reserved <microseconds> crc32 <8 hex digits>', found '"
          + abbreviate(lines.get(0)) + "'";
    }
    try {
      Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return "reservation " + m.group(1) + " out of range";
    }
    if (!m.group(2).equals(crc(m.group(1)))) {
      return "checksum mismatch";
    }
    return null;
  }

  private static long parse(String text) {
    for (String line : text.lines().map(String::strip).toList()) {
      Matcher m = RESERVATION.matcher(line);
      if (m.matches()) {
        return Long.parseLong(m.group(1));
      }
    }
    throw new IllegalStateException("checked before");
  }

  /** Durably promises that no timestamp above {@code t} + window is used before the next one. */
  private void reserve(long t) {
    long r = saturatedAdd(t, windowMicros);
    String value = Long.toString(r);
    String text = "# pbft client timestamp reservation: no request of this client id used a\n"
        + "# timestamp above this value; the next session starts above it. Written atomically.\n"
        + "reserved " + value + " crc32 " + crc(value) + "\n";
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename atomically", e);
      }
      forceDirectory(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new TimestampFileException(file + ": cannot write this client's timestamp reservation ("
          + describe(e) + "); make its directory writable, or choose another with --data", e);
    }
    reserved = r;
    reservationsWritten++;
  }

  /** fsync of a directory, so that a rename in it survives a crash (Linux, macOS). */
  private static void forceDirectory(Path dir) throws IOException {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      return; // directories cannot be opened there; NTFS journals the rename
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static String crc(String digits) {
    CRC32 c = new CRC32();
    c.update(digits.getBytes(StandardCharsets.US_ASCII));
    return String.format("%08x", c.getValue());
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  private static String describe(IOException e) {
    String what = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? what : what + ": " + e.getMessage();
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing to release beyond the descriptor
    }
  }

  /** The reservation file or its lock cannot be used; the message names the file. */
  public static final class TimestampFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimestampFileException(String message) {
      super(message);
    }

    TimestampFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
