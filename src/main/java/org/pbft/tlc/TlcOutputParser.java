package org.pbft.tlc;

import static org.pbft.tlc.TlcMessageCodes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the output of one TLC run ({@code -tool} mode) into a {@link TlcResult}. Feed it stdout
 * and stderr line by line while TLC runs (it reports progress as it goes), then call
 * {@link #finish}. The first message that decides the run (a violation, a deadlock, an error) wins,
 * because TLC stops there; running out of memory overrides everything, since then nothing else
 * TLC said can be trusted.
 */
public final class TlcOutputParser {
  /** Cap on the error text kept for humans; a long trace of big states can be huge. */
  static final int MAX_ERROR_LINES = 400;
  private static final int MAX_KEPT_LINES = 200;

  private static final Pattern VIOLATED = Pattern.compile(
      "^(Invariant|Action property|Property|Temporal property) (\\S+) is violated");
  private static final Pattern PROGRESS = Pattern.compile("([\\d,]+) states generated"
      + ".*?([\\d,]+) distinct states found.*?([\\d,]+) states left on queue");
  private static final Pattern SIMULATION_GENERATED = Pattern.compile("([\\d,]+) states generated");
  private static final Pattern INIT_STATES =
      Pattern.compile("([\\d,]+) distinct states? generated");
  private static final Pattern DEPTH =
      Pattern.compile("depth of the complete state graph search is (\\d+)");
  private static final Pattern CHILD_PROGRESS =
      Pattern.compile("^" + TlcChildMain.PREFIX + " (\\d+) (\\d+) (\\d+)$");
  private static final List<String> OOM_SIGNS =
      List.of("OutOfMemoryError", "Java heap space", "GC overhead limit exceeded");

  private final TlcProgressListener listener;
  private final long startNanos = System.nanoTime();
  private final TlcMessageReader reader = new TlcMessageReader(new Sink());

  private TlcMessage decisive; // the first violation, deadlock or error
  private boolean outOfMemory;
  private boolean success;
  private boolean finished; // TLC said "Finished in ..."

  private boolean sanyRunning;
  private boolean inTrace;
  private boolean finalStats; // TLC's own final count beats any later live sample
  private int traceStates;
  private Lasso lasso = Lasso.NONE;
  private long generated;
  private long distinct;
  private int depth = -1;
  private final List<String> sanyLines = new ArrayList<>();
  private final List<String> errorText = new ArrayList<>();
  private final List<String> otherLines = new ArrayList<>();
  private final List<String> stderrLines = new ArrayList<>();

  private final boolean simulation;

  public TlcOutputParser(TlcProgressListener listener) {
    this(listener, false);
  }

  /** {@code simulation}: TLC runs {@code -simulate}, which ends without a success message. */
  public TlcOutputParser(TlcProgressListener listener, boolean simulation) {
    this.listener = listener;
    this.simulation = simulation;
  }

  public synchronized void acceptStdout(String line) {
    noteOutOfMemory(line);
    reader.accept(line);
  }

  public synchronized void acceptStderr(String line) {
    Matcher m = CHILD_PROGRESS.matcher(line);
    if (m.matches()) {
      if (finalStats) {
        return;
      }
      progress(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
      return;
    }
    noteOutOfMemory(line);
    keep(stderrLines, line, MAX_KEPT_LINES);
  }

  /** The result once TLC has exited with {@code exitCode} after {@code seconds}. */
  public synchronized TlcResult finish(int exitCode, double seconds) {
    Decision d = decide(exitCode);
    List<String> text = d.outcome == TlcOutcome.PASS ? List.of() : d.lines;
    return new TlcResult(d.outcome, d.violated, traceStates, distinct, generated, depth, seconds,
        d.summary, text, exitCode, d.outcome.isViolation() ? lasso : Lasso.NONE, -1);
  }

  private record Decision(
      TlcOutcome outcome, String violated, String summary, List<String> lines) {}

  private Decision decide(int exitCode) {
    if (outOfMemory) {
      List<String> lines = errorText.isEmpty() ? stderrLines : errorText;
      return new Decision(TlcOutcome.OUT_OF_MEMORY, null, "TLC ran out of memory", lines);
    }
    if (decisive != null) {
      return fromMessage(decisive);
    }
    if (exitCode != 0) {
      List<String> lines = new ArrayList<>(otherLines);
      lines.addAll(stderrLines);
      String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("no output");
      return new Decision(TlcOutcome.TLC_ERROR, null,
          "TLC exited with status " + exitCode + ": " + first.trim(), lines);
    }
    if (success || (simulation && finished)) {
      return new Decision(TlcOutcome.PASS, null, "no error found", List.of());
    }
    return new Decision(TlcOutcome.TLC_ERROR, null,
        "TLC ended without reporting a result", stderrLines);
  }

  private Decision fromMessage(TlcMessage m) {
    switch (m.code()) {
      case INVARIANT_VIOLATED_INITIAL, INVARIANT_VIOLATED_BEHAVIOR, PROPERTY_VIOLATED_INITIAL,
          ACTION_PROPERTY_VIOLATED_BEHAVIOR -> {
        Matcher v = VIOLATED.matcher(m.oneLine());
        boolean named = v.find();
        boolean invariant = m.code() == INVARIANT_VIOLATED_INITIAL
            || m.code() == INVARIANT_VIOLATED_BEHAVIOR;
        if (m.code() == INVARIANT_VIOLATED_INITIAL || m.code() == PROPERTY_VIOLATED_INITIAL) {
          traceStates = Math.max(traceStates, 1); // the message itself prints the one state
        }
        TlcOutcome outcome =
            invariant ? TlcOutcome.INVARIANT_VIOLATED : TlcOutcome.PROPERTY_VIOLATED;
        return new Decision(outcome, named ? v.group(2) : null, m.oneLine(), errorText);
      }
      case TEMPORAL_PROPERTY_VIOLATED -> {
        // TLC 2.18 does not say which temporal property failed; TlcRunner fills it in if it can.
        return new Decision(TlcOutcome.PROPERTY_VIOLATED, null, m.oneLine(), errorText);
      }
      case DEADLOCK_REACHED -> {
        return new Decision(TlcOutcome.DEADLOCK, null, "deadlock reached", errorText);
      }
      case ASSUMPTION_FALSE, ASSUMPTION_EVALUATION_ERROR -> {
        return new Decision(TlcOutcome.ASSUME_FAILED, null, m.oneLine(), errorText);
      }
      case PARSING_FAILED, PARSING_FAILED_2 -> {
        SanyErrors.Report r = SanyErrors.describe(sanyLines);
        return new Decision(r.outcome(), null, r.summary(), r.lines());
      }
      default -> {
        return new Decision(TlcOutcome.TLC_ERROR, null, m.oneLine(), errorText);
      }
    }
  }

  private final class Sink implements TlcMessageReader.Sink {
    @Override
    public void message(TlcMessage m) {
      switch (m.code()) {
        case SANY_START -> sanyRunning = true;
        case SANY_END -> sanyRunning = false;
        case PROGRESS_STATS, STATS -> {
          Matcher p = PROGRESS.matcher(m.oneLine());
          if (p.find()) {
            progress(number(p.group(1)), number(p.group(2)), number(p.group(3)));
          }
          finalStats |= m.code() == STATS;
        }
        case INIT_GENERATED -> {
          Matcher p = INIT_STATES.matcher(m.oneLine());
          if (p.find()) {
            distinct = Math.max(distinct, number(p.group(1)));
          }
        }
        case SEARCH_DEPTH -> {
          Matcher p = DEPTH.matcher(m.oneLine());
          if (p.find()) {
            depth = Integer.parseInt(p.group(1));
          }
        }
        case SUCCESS -> success = true;
        case FINISHED -> finished = true;
        case SIMULATION_PROGRESS -> {
          Matcher p = SIMULATION_GENERATED.matcher(m.oneLine());
          if (p.find()) {
            generated = number(p.group(1));
            listener.onProgress(new TlcProgress(generated, distinct, 0,
                (System.nanoTime() - startNanos) / 1e9));
          }
        }
        case BEHAVIOR_UP_TO_THIS_POINT, COUNTER_EXAMPLE -> {
          inTrace = true;
          error(m);
        }
        case STATE_PRINT, STATE_PRINT_STUTTERING -> {
          if (inTrace) {
            traceStates++;
            error(m);
            if (m.code() == STATE_PRINT_STUTTERING) {
              lasso = Lasso.STUTTERING;
            }
          }
        }
        case BACK_TO_STATE -> {
          lasso = Lasso.CYCLE;
          error(m);
        }
        case OUT_OF_MEMORY, OUT_OF_MEMORY_TOO_MANY_INIT, OUT_OF_MEMORY_LIVENESS -> {
          outOfMemory = true;
          error(m);
        }
        default -> {
          if (m.isError()) {
            if (decisive == null) {
              decisive = m;
            }
            error(m);
          }
        }
      }
    }

    @Override
    public void plain(String line) {
      if (sanyRunning) {
        sanyLines.add(line);
      } else {
        keep(otherLines, line, MAX_KEPT_LINES);
      }
    }
  }

  private void error(TlcMessage m) {
    for (String line : m.lines()) {
      keep(errorText, line, MAX_ERROR_LINES);
    }
  }

  private void progress(long newGenerated, long newDistinct, long queue) {
    generated = newGenerated;
    distinct = newDistinct;
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    listener.onProgress(new TlcProgress(newGenerated, newDistinct, queue, seconds));
  }

  private void noteOutOfMemory(String line) {
    for (String sign : OOM_SIGNS) {
      if (line.contains(sign)) {
        outOfMemory = true;
      }
    }
  }

  private static void keep(List<String> lines, String line, int max) {
    if (lines.size() < max) {
      lines.add(line);
    }
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }
}
