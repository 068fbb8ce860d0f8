package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The table of spec actions in spec/README.md says what the code does: for each action, the
 * handler it names carries that action's {@code Spec:} tag, and each method it lists under
 * "taken from" exists in the core and reaches the handler (directly, or through core methods it
 * calls, at most three calls deep). A renamed handler, or a caller that no longer leads to the
 * action, fails here rather than in a reader's head.
 */
class SpecReadmeTableTest {
  private static final Path ROOT = Path.of(System.getProperty("pbft.root", "."));
  private static final Path CORE = ROOT.resolve("src/main/java/org/pbft/core");
  private static final Pattern ROW = Pattern.compile(
      "^\\| `([A-Z][A-Za-z]*)\\(.*?\\)`[^|]*\\| `([A-Za-z]+)\\.([a-zA-Z]+)`[^|]*\\|([^|]*)\\|",
      Pattern.MULTILINE);
  private static final Pattern CODE = Pattern.compile("`([a-z][A-Za-z]*)`");
  /** A method of a top-level class: indented by two spaces exactly (nested types are not read). */
  private static final Pattern METHOD =
      Pattern.compile("^  (?:[A-Za-z<>\\[\\],.?][A-Za-z<>\\[\\],.? ]* )?"
          + "([a-z][A-Za-z0-9]*)\\([^;]*$");
  private static final Pattern CALL = Pattern.compile("(?:\\.|::|\\b)([a-z][A-Za-z0-9]*)\\(?");

  private record Row(String action, String handlerClass, String handler, List<String> callers) {}

  private static List<Row> rows() throws IOException {
    String readme = Files.readString(ROOT.resolve("spec/README.md"));
    List<Row> rows = new ArrayList<>();
    Matcher m = ROW.matcher(readme);
    while (m.find()) {
      List<String> callers = new ArrayList<>();
      Matcher c = CODE.matcher(m.group(4));
      while (c.find()) {
        callers.add(c.group(1));
      }
      rows.add(new Row(m.group(1), m.group(2), m.group(3), callers));
    }
    return rows;
  }

  /** Every method of the core by name (the bodies of same-named methods joined). */
  private static Map<String, String> bodies() throws IOException {
    Map<String, String> bodies = new HashMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(CORE)) {
      files = list.filter(f -> f.toString().endsWith(".java")).toList();
    }
    for (Path f : files) {
      String name = null;
      StringBuilder body = new StringBuilder();
      for (String line : Files.readAllLines(f)) {
        Matcher m = METHOD.matcher(line);
        if (name == null && m.find() && !line.trim().startsWith("*")) {
          name = m.group(1);
          body.setLength(0);
        } else if (name != null && line.equals("  }")) {
          bodies.merge(name, body.toString(), String::concat);
          name = null;
        } else if (name != null) {
          body.append(line).append('\n');
        }
      }
    }
    return bodies;
  }

  /** Whether {@code from}'s body calls {@code to}, within three calls through core methods. */
  private static boolean reaches(String from, String to, Map<String, String> bodies) {
    return reaches(from, to, bodies, CALL);
  }

  /**
   * As {@link #reaches}, but the last call must be to the phase handler itself: unqualified, on
   * a phase's field ({@code checkpointing.stableCheckpoint()}) or as a method reference; a
   * record accessor or a quorum size of the same name ({@code quorums.stableCheckpoint()}) is
   * not the action.
   */
  private static boolean reachesHandler(String from, String to, Map<String, String> bodies) {
    Pattern handlerCall = Pattern.compile("(?:(?<![.\\w])|\\b(?:normalCase|checkpointing|"
        + "viewChanging)\\.|::)(" + Pattern.quote(to) + ")\\(?");
    return reaches(from, to, bodies, handlerCall);
  }

  private static boolean reaches(
      String from, String to, Map<String, String> bodies, Pattern last) {
    Deque<String> queue = new ArrayDeque<>(List.of(from));
    Set<String> seen = new HashSet<>(queue);
    for (int depth = 0; depth <= 3 && !queue.isEmpty(); depth++) {
      Deque<String> next = new ArrayDeque<>();
      for (String m : queue) {
        String body = bodies.getOrDefault(m, "");
        Matcher handler = last.matcher(body);
        while (handler.find()) {
          if (handler.group(1).equals(to)) {
            return true;
          }
        }
        Matcher call = CALL.matcher(body);
        while (call.find()) {
          String callee = call.group(1);
          if (bodies.containsKey(callee) && seen.add(callee)) {
            next.add(callee);
          }
        }
      }
      queue = next;
    }
    return false;
  }

  @Test
  void theTableCoversEverySpecActionWithItsTaggedHandler() throws IOException {
    List<Row> rows = rows();
    assertEquals(11, rows.size(), "rows of the actions table: " + rows);
    for (Row r : rows) {
      String source = Files.readString(CORE.resolve(r.handlerClass() + ".java"));
      assertTrue(source.contains("Spec: PBFT.tla!" + r.action()),
          r.handlerClass() + " has no Spec: tag for " + r.action());
      assertTrue(Pattern.compile("\\b" + r.handler() + "\\(").matcher(source).find(),
          r.handlerClass() + " declares no " + r.handler());
    }
  }

  @Test
  void everyCallerTheTableNamesReachesTheHandler() throws IOException {
    Map<String, String> bodies = bodies();
    for (Row r : rows()) {
      for (String caller : r.callers()) {
        assertTrue(bodies.containsKey(caller),
            r.action() + ": no core method " + caller + " (spec/README.md, taken from)");
        assertTrue(reaches(caller, r.handler(), bodies),
            r.action() + ": " + caller + " does not lead to " + r.handler());
      }
    }
  }

  /**
   * The progress loop is the only way to the actions it fires: a message receiver records what
   * arrived and leaves the rest to {@code Replica.fireEnabledActions}.
   */
  @Test
  void noMessageReceiverTakesAnActionTheLoopFires() throws IOException {
    Map<String, String> bodies = bodies();
    List<String> receivers = bodies.keySet().stream()
        .filter(m -> m.matches("on[A-Z][A-Za-z]*")).sorted().toList();
    assertTrue(receivers.containsAll(List.of("onPrepare", "onCommit", "onCheckpoint",
        "onViewChange", "onNewView", "onStateSnapshot", "onRequest")), "receivers: " + receivers);
    for (Row r : rows()) {
      if (!r.callers().contains("fireEnabledActions")) {
        continue;
      }
      for (String receiver : receivers) {
        assertTrue(!reachesHandler(receiver, r.handler(), bodies),
            r.action() + " is fired by the progress loop, but " + receiver + " leads to "
                + r.handler());
      }
    }
  }

  @Test
  void aCallerThatDoesNotLeadToTheHandlerIsCaught() throws IOException {
    Map<String, String> bodies = bodies();
    assertTrue(reaches("fireEnabledActions", "stateTransfer", bodies));
    assertTrue(reaches("receiveEarlyPrePrepare", "onPrePrepare", bodies));
    assertTrue(!reaches("onFetchState", "execute", bodies),
        "serving a state executes nothing: a table listing onFetchState for Execute is wrong");
    assertTrue(!reaches("onPrepare", "sendCommit", bodies),
        "a PREPARE is recorded; the loop sends the COMMIT");
    assertEquals(List.of("fireEnabledActions"), rows().stream()
        .filter(r -> r.action().equals("SendCommit")).findFirst().orElseThrow().callers());
  }

  /** The receivers check would catch a receiver that takes an action the loop should fire. */
  @Test
  void aReceiverThatTakesALoopActionIsCaught() {
    Map<String, String> bodies = Map.of(
        "onCommit", "    state.log.slot(c.view(), c.seq()).addCommit(c);\n    execute();\n",
        "execute", "");
    assertTrue(reachesHandler("onCommit", "execute", bodies));
    assertTrue(!reachesHandler("onCommit", "stableCheckpoint",
        Map.of("onCommit", "    int q = state.quorums.stableCheckpoint();\n")));
  }
}
