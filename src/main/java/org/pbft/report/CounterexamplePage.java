package org.pbft.report;

import static org.pbft.report.Html.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pbft.tlc.Model;
import org.pbft.tlc.TlcErrorTrace;
import org.pbft.tlc.TlcOutcome;
import org.pbft.tlc.TlcResult;

/**
 * One HTML page for one TLC counterexample: the message sequence chart of the trace (one
 * lifeline per replica; per step, the action on the replicas it changed and the messages it
 * added as arrows to their receivers) and the state after each step, with what changed marked.
 * A trace of a spec without PBFT's variables gets the states only. The page is self-contained:
 * no script, style or font from anywhere else.
 */
public final class CounterexamplePage {
  private static final Pattern BYZ = Pattern.compile("(?m)^\\s*Byz\\s*=\\s*\\{([^}]*)\\}");

  private CounterexamplePage() {}

  /**
   * The page of a {@code pbft check} run whose result has a counterexample: writes it to
   * {@code dir} and returns the line that names it (or says why it could not be written); empty
   * when TLC printed no trace. {@code show} names a file for the user.
   */
  public static Optional<String> forResult(TlcResult result, Model model, Path tlcLog, Path dir,
      Function<Path, String> show) {
    if (result.counterexampleLength() == 0) {
      return Optional.empty();
    }
    String violated = result.outcome() == TlcOutcome.DEADLOCK ? "deadlock" : result.violated();
    try {
      Path page = writeFor(dir, model.cfg(), model.title(), violated, tlcLog,
          show.apply(model.cfg()), show.apply(tlcLog));
      return page == null ? Optional.empty()
          : Optional.of("counterexample chart: " + show.apply(page));
    } catch (IOException | UncheckedIOException e) {
      return Optional.of("could not write the counterexample chart in " + show.apply(dir) + ": "
          + e.getMessage());
    }
  }

  /**
   * Writes the page for the error trace in TLC's log {@code tlcLog} to
   * {@code dir/<model>-counterexample.html} and returns its path, or null when the log holds no
   * trace. The faulty replicas are read from {@code Byz = {...}} in {@code cfg}, when it says;
   * {@code shownCfg} and {@code shownLog} are how the page names the two files.
   */
  public static Path writeFor(Path dir, Path cfg, String title, String violated, Path tlcLog,
      String shownCfg, String shownLog) throws IOException {
    List<TlcErrorTrace.State> states = TlcErrorTrace.read(tlcLog);
    if (states.isEmpty()) {
      return null;
    }
    String model = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
    Counterexample c = Counterexample.of(model, title, violated == null ? "?" : violated, states);
    Set<Integer> faulty = Files.isRegularFile(cfg) ? faulty(Files.readString(cfg)) : Set.of();
    Files.createDirectories(dir);
    Path page = dir.resolve(model + "-counterexample.html");
    Files.writeString(page, html(c, faulty, shownCfg, shownLog),
        StandardCharsets.UTF_8);
    return page;
  }

  /** The replicas a .cfg names in {@code Byz = {0, 3}}. */
  static Set<Integer> faulty(String cfgText) {
    Set<Integer> byz = new TreeSet<>();
    Matcher m = BYZ.matcher(cfgText);
    if (m.find()) {
      for (String part : m.group(1).split(",")) {
        if (part.trim().matches("\\d+")) {
          byz.add(Integer.parseInt(part.trim()));
        }
      }
    }
    return byz;
  }

  static String html(Counterexample c, Set<Integer> faulty, String cfg, String log) {
    StringBuilder h = Html.start(c.model() + ": counterexample to " + c.violated());
    h.append("<p class=\"note\">").append(c.title().isEmpty() ? "" : escape(c.title()) + ". ")
        .append("TLC found a behaviour of ").append(c.steps().size()).append(" states that ")
        .append("violates <b>").append(escape(c.violated())).append("</b> (model <code>")
        .append(escape(cfg)).append("</code>, TLC's output in <code>").append(escape(log))
        .append("</code>).</p>\n");
    String chart;
    try {
      chart = chart(c, faulty);
    } catch (RuntimeException e) {
      chart = "<p class=\"note\">No chart: a state could not be read as PBFT's (" + escape(
          String.valueOf(e.getMessage())) + ").</p>\n";
    }
    h.append("<h2>Message sequence chart</h2>\n").append(chart);
    h.append("<h2>The state after each step</h2>\n<p class=\"note\">Changed variables are ")
        .append("marked. Click a step to open or close it.</p>\n");
    states(h, c);
    return h.append("</body></html>\n").toString();
  }

  private static String chart(Counterexample c, Set<Integer> faulty) {
    if (c.steps().isEmpty()) {
      return "";
    }
    int n = PbftStepReading.replicas(c.steps().get(0).values());
    if (n < 1) {
      return "<p class=\"note\">No chart: the states are not spec/PBFT.tla's (no "
          + "<code>view</code> function and message sets).</p>\n";
    }
    List<String> lanes = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      lanes.add("replica " + r + (faulty.contains(r) ? " (faulty)" : ""));
    }
    int width = String.valueOf(c.steps().size()).length() + 1;
    SequenceChart chart = new SequenceChart(lanes, faulty, width);
    Map<String, TlaValue> before = Map.of();
    for (int i = 0; i < c.steps().size(); i++) {
      Counterexample.Step s = c.steps().get(i);
      boolean last = i == c.steps().size() - 1;
      SequenceChart.Row row = chart.row("step-" + s.number())
          .title(s.number() + (last ? "!" : ""), last ? "violation" : "step")
          .link("#state-" + i);
      if (s.kind() != TlcErrorTrace.Kind.STATE) {
        row.event(0, (s.kind() == TlcErrorTrace.Kind.STUTTERING ? "stutters from here on"
            : "back to state " + s.number()), "view");
        continue;
      }
      if (i == 0) {
        row.event(0, "initial state", "");
        before = s.values();
        continue;
      }
      Map<Integer, List<String>> changes = PbftStepReading.changes(before, s.values());
      PbftStepReading.forgotten(before, s.values(), n).forEach((r, lost) ->
          changes.computeIfAbsent(r, k -> new ArrayList<>()).addAll(lost));
      List<PbftStepReading.Sent> sent =
          PbftStepReading.sent(before, s.values(), n, faulty);
      Set<Integer> actors = PbftStepReading.actors(sent, changes);
      if (actors.isEmpty()) {
        row.event(0, s.action() + " (no stored message or replica variable changed)", "");
      }
      for (int r : actors) {
        String how = changes.containsKey(r) ? " " + String.join(" ", changes.get(r)) : "";
        row.event(r, s.action() + how + (last ? "  \u2190 " + c.violated() + " violated" : ""),
            changes.containsKey(r) ? "view" : "");
      }
      for (PbftStepReading.Sent m : sent) {
        row.message(m.sender(), m.receivers(), m.label(), m.implied() ? "implied" : "");
      }
      before = s.values();
    }
    return chart.svg("msc") + "<p class=\"note\">Rows are TLC's steps (click a number for "
        + "the state). A dot is a replica whose own variables changed or that sent; an arrow a "
        + "message the step added, to every replica that may receive it. A faulty replica's "
        + "messages are not stored in the spec: the dashed red arrows are what a correct "
        + "replica accepted from it.</p>\n";
  }

  private static void states(StringBuilder h, Counterexample c) {
    Map<String, String> before = Map.of();
    for (int i = 0; i < c.steps().size(); i++) {
      Counterexample.Step s = c.steps().get(i);
      boolean last = i == c.steps().size() - 1;
      h.append("<details id=\"state-").append(i).append('"').append(last ? " open" : "")
          .append("><summary>").append(s.number()).append(": ").append(escape(
              s.kind() == TlcErrorTrace.Kind.BACK_TO_STATE ? "back to state " + s.number()
                  + " (" + s.action() + ")"
                  : s.kind() == TlcErrorTrace.Kind.STUTTERING ? "stutters" : s.action()))
          .append(s.location().isEmpty() ? "" : " <small>(" + escape(s.location()) + ")</small>")
          .append(last ? " <b>\u2190 " + escape(c.violated()) + " violated</b>" : "")
          .append("</summary>\n<table class=\"state\">\n");
      for (Map.Entry<String, String> v : s.text().entrySet()) {
        boolean changed = i > 0 && !Objects.equals(before.get(v.getKey()), v.getValue());
        h.append("<tr").append(changed ? " class=\"changed\"" : "").append("><th>")
            .append(escape(v.getKey())).append("</th><td><pre>").append(escape(v.getValue()))
            .append("</pre></td></tr>\n");
      }
      h.append("</table></details>\n");
      before = s.text();
    }
  }
}
