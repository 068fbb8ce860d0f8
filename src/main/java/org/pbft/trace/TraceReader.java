package org.pbft.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pbft.core.SpecAction;

/**
 * Reads and checks one replica's NDJSON trace (as {@link org.pbft.trace.NdjsonTrace} writes it):
 * one JSON object per line,
 * {@code {"step":812,"tick":40,"replica":1,"action":"SendCommit","view":0,"seq":3,"digest":"…"}}.
 *
 * <p>The format: {@code step} (a non-negative integer, never decreasing along the file),
 * {@code replica} (the same on every line), {@code action} (a spec action), {@code view} and
 * {@code seq} (integers, -1 when the action has none) and {@code digest} (64 hex digits, or null)
 * are required; {@code tick} is optional; other fields are ignored. Each action must carry the
 * arguments the spec needs: a view, a sequence number and a digest for the normal case, a
 * sequence number and a state digest for checkpoints, a view above 0 for view changes, a view and
 * the last sequence number executed for a restart (which continues the same file). Blank lines
 * are skipped. The first problem is reported as a {@link TraceFormatException} naming the file and
 * the line.
 */
public final class TraceReader {
  private static final Set<SpecAction> NORMAL_CASE = Set.of(SpecAction.SendPrePrepare,
      SpecAction.ReceivePrePrepare, SpecAction.SendCommit, SpecAction.Execute);
  private static final Set<SpecAction> CHECKPOINT =
      Set.of(SpecAction.StableCheckpoint, SpecAction.StateTransfer);
  private static final Set<SpecAction> NEW_VIEW =
      Set.of(SpecAction.SendNewView, SpecAction.ReceiveNewView);

  private TraceReader() {}

  /** The events of {@code file} in file order. */
  public static List<TraceRecord> read(Path file) throws IOException, TraceFormatException {
    List<TraceRecord> events = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        TraceRecord e = parse(file, line, text);
        if (!events.isEmpty()) {
          TraceRecord last = events.get(events.size() - 1);
          if (e.replica() != last.replica()) {
            throw new TraceFormatException(file, line, "replica " + e.replica()
                + ", but line " + last.line() + " is replica " + last.replica()
                + " (one file holds one replica's events)");
          }
          if (e.step() < last.step()) {
            throw new TraceFormatException(file, line, "step " + e.step()
                + " goes back (line " + last.line() + " has step " + last.step() + ")");
          }
        }
        events.add(e);
      }
    }
    return events;
  }

  static TraceRecord parse(Path file, int line, String text) throws TraceFormatException {
    Map<String, Object> f;
    try {
      f = FlatJson.parse(text);
    } catch (FlatJson.SyntaxError e) {
      throw new TraceFormatException(file, line, "not a JSON object: " + e.getMessage());
    }
    Fields fields = new Fields(file, line, f);
    long step = fields.integer("step", 0);
    long tick = f.containsKey("tick") ? fields.integer("tick", 0) : -1;
    int replica = (int) fields.integer("replica", 0);
    SpecAction action = fields.action();
    long view = fields.integer("view", -1);
    long seq = fields.integer("seq", -1);
    String digest = fields.digest();
    TracedNewView newView = null;
    if (NEW_VIEW.contains(action)) {
      newView = NewViewFields.read(file, line, fields.required("V"), fields.required("O"));
    }
    TraceRecord e =
        new TraceRecord(file, line, step, tick, replica, action, view, seq, digest, newView);
    String missing = missingArgument(e);
    if (missing != null) {
      throw new TraceFormatException(file, line, action + " needs " + missing);
    }
    return e;
  }

  /** What the action needs and the event lacks, or null. */
  private static String missingArgument(TraceRecord e) {
    if (NORMAL_CASE.contains(e.action())) {
      if (e.view() < 0 || e.seq() < 1 || e.digest() == null) {
        return "a view >= 0, a seq >= 1 and a digest";
      }
    } else if (CHECKPOINT.contains(e.action())) {
      if (e.seq() < 1 || e.digest() == null) {
        return "a seq >= 1 and a state digest";
      }
    } else if (e.action() == SpecAction.Restart) {
      if (e.view() < 0 || e.seq() < 0) {
        return "a view >= 0 and a seq >= 0 (the last sequence number executed)";
      }
    } else if (e.view() < 1) {
      return "a view >= 1 (the view moved to)";
    } else if (NEW_VIEW.contains(e.action()) && e.seq() < 0) {
      return "a seq >= 0 (minS, the NEW-VIEW's checkpoint)";
    }
    return null;
  }

  /** Typed access to one line's fields, with errors that name the field. */
  private record Fields(Path file, int line, Map<String, Object> map) {
    long integer(String name, long min) throws TraceFormatException {
      Object v = required(name);
      if (!(v instanceof Long n)) {
        throw new TraceFormatException(file, line, "\"" + name + "\" must be an integer, not "
            + show(v));
      }
      if (n < min) {
        throw new TraceFormatException(file, line, "\"" + name + "\" must be at least " + min
            + ", not " + n);
      }
      return n;
    }

    SpecAction action() throws TraceFormatException {
      Object v = required("action");
      for (SpecAction a : SpecAction.values()) {
        if (a.name().equals(v)) {
          return a;
        }
      }
      throw new TraceFormatException(file, line, "\"action\" " + show(v)
          + " is not a spec action; expected one of " + Arrays.toString(SpecAction.values()));
    }

    String digest() throws TraceFormatException {
      Object v = required("digest");
      if (v == null) {
        return null;
      }
      if (!(v instanceof String s) || !isDigest(s)) {
        throw new TraceFormatException(file, line,
            "\"digest\" must be null or 64 lowercase hex digits, not " + show(v));
      }
      return s;
    }

    Object required(String name) throws TraceFormatException {
      if (!map.containsKey(name)) {
        throw new TraceFormatException(file, line, "missing field \"" + name + "\"");
      }
      return map.get(name);
    }

  }

  /** A SHA-256 digest as the trace writes it. */
  static boolean isDigest(String s) {
    return s.matches("[0-9a-f]{64}");
  }

  /** A JSON value in an error message. */
  static String show(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
