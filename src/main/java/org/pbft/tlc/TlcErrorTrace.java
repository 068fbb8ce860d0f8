package org.pbft.tlc;

import static org.pbft.tlc.TlcMessageCodes.BACK_TO_STATE;
import static org.pbft.tlc.TlcMessageCodes.BEHAVIOR_UP_TO_THIS_POINT;
import static org.pbft.tlc.TlcMessageCodes.COUNTER_EXAMPLE;
import static org.pbft.tlc.TlcMessageCodes.STATE_PRINT;
import static org.pbft.tlc.TlcMessageCodes.STATE_PRINT_STUTTERING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The error trace of one TLC run, read from its {@code -tool} output (the log {@link TlcRunner}
 * writes): every state TLC printed after "The behavior up to this point is" or "The following
 * behavior constitutes a counter-example", in order, uncut. {@link TlcOutputParser} keeps only
 * the first lines for humans; a picture of the trace needs all of it.
 */
public final class TlcErrorTrace {
  /** How TLC printed a state of the trace. */
  public enum Kind {
    /** A state reached by an action (or the initial state). */
    STATE,
    /** The behaviour stutters from here on (a liveness counterexample). */
    STUTTERING,
    /** The behaviour loops back to an earlier state (a liveness counterexample). */
    BACK_TO_STATE
  }

  /**
   * One printed state.
   *
   * @param number TLC's state number (for BACK_TO_STATE, the state looped back to)
   * @param action the action's name, "Initial predicate", or "" when TLC printed none
   * @param location where TLC says the action is ("line 43, col 55 ... of module M"), or ""
   * @param variables the state's text, one entry per variable: {@code name = value} (a value
   *     may span several lines, joined with newlines)
   */
  public record State(int number, Kind kind, String action, String location,
      List<String> variables) {
    public State {
      variables = List.copyOf(variables);
    }
  }

  private static final Pattern HEADER =
      Pattern.compile("^(\\d+): (Back to state: )?<([^ >]+(?: predicate)?)(?: (.*))?>\\s*$");
  private static final Pattern STUTTER = Pattern.compile("^(\\d+): Stuttering");

  private TlcErrorTrace() {}

  /** The error trace in a TLC log; empty when TLC printed none. */
  public static List<State> read(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return parse(lines);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The error trace in TLC's {@code -tool} output lines. */
  public static List<State> parse(Stream<String> lines) {
    List<State> states = new ArrayList<>();
    boolean[] inTrace = {false};
    TlcMessageReader reader = new TlcMessageReader(new TlcMessageReader.Sink() {
      @Override
      public void message(TlcMessage m) {
        switch (m.code()) {
          case BEHAVIOR_UP_TO_THIS_POINT, COUNTER_EXAMPLE -> {
            if (inTrace[0]) {
              return; // TLC prints one trace per run; a second one would be another run's
            }
            inTrace[0] = true;
          }
          case STATE_PRINT, STATE_PRINT_STUTTERING, BACK_TO_STATE -> {
            if (inTrace[0]) {
              states.add(state(m));
            }
          }
          default -> { }
        }
      }

      @Override
      public void plain(String line) {}
    });
    lines.forEach(reader::accept);
    return List.copyOf(states);
  }

  private static State state(TlcMessage m) {
    List<String> lines = m.lines();
    String first = lines.isEmpty() ? "" : lines.get(0).trim();
    int number = 0;
    String action = "";
    String location = "";
    Kind kind = m.code() == BACK_TO_STATE ? Kind.BACK_TO_STATE
        : m.code() == STATE_PRINT_STUTTERING ? Kind.STUTTERING : Kind.STATE;
    Matcher h = HEADER.matcher(first);
    Matcher s = STUTTER.matcher(first);
    if (h.matches()) {
      number = Integer.parseInt(h.group(1));
      action = h.group(3);
      location = h.group(4) == null ? "" : h.group(4);
    } else if (s.find()) {
      number = Integer.parseInt(s.group(1));
      kind = Kind.STUTTERING;
    }
    return new State(number, kind, action, location, variables(lines.subList(
        lines.isEmpty() ? 0 : 1, lines.size())));
  }

  /** Cuts {@code /\ x = ...} lines (or one {@code x = ...} line) into one entry per variable. */
  private static List<String> variables(List<String> lines) {
    List<String> vars = new ArrayList<>();
    StringBuilder current = null;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("/\\ ")) {
        if (current != null) {
          vars.add(current.toString());
        }
        current = new StringBuilder(line.substring(3));
      } else if (current == null) {
        current = new StringBuilder(line);
      } else {
        current.append('\n').append(line);
      }
    }
    if (current != null) {
      vars.add(current.toString());
    }
    return vars;
  }
}
