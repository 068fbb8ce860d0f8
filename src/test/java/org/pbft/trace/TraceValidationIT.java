package org.pbft.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbft.cli.Main;
import org.pbft.core.SpecAction;
import org.pbft.sim.Campaign;
import org.pbft.sim.RunResult;
import org.pbft.sim.SimParams;
import org.pbft.sim.byzantine.Strategies;
import org.pbft.tlc.TlcRunSettings;

/**
 * TLC replays traces against spec/PBFT.tla through trace-validation/TracePBFT.tla: the example
 * traces under trace-validation/traces/ get the verdict their README gives, simulator runs with
 * every replica correct and with each Byzantine strategy conform, a forged NEW-VIEW does not, and
 * {@code pbft validate} reports and exits accordingly.
 */
class TraceValidationIT {
  private static final Path ROOT =
      Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")));
  private static final Path TRACES = ROOT.resolve("trace-validation").resolve("traces");

  @TempDir
  Path tmp;

  private static Validation validate(Path traceDir) throws Exception {
    List<TraceInput> inputs = TraceInput.of(List.of(traceDir));
    assertEquals(1, inputs.size());
    List<TraceRecord> events = inputs.get(0).read();
    TraceParams params = new TraceParams(4, 1, 4, 8, TraceParams.silentReplicas(4, events));
    TraceValidator validator = new TraceValidator(ROOT, TlcRunSettings.defaults().withWorkers(1),
        null);
    return validator.validate(events, params);
  }

  @Test
  void theNormalCaseOfOneRequestConforms() throws Exception {
    Validation v = validate(TRACES.resolve("normal-one-request"));
    assertEquals(Validation.Verdict.CONFORMS, v.verdict(), v::toString);
    assertEquals(12, v.events());
  }

  @Test
  void anExecuteOnTwoFCommitsIsTheFirstUnmatchedEvent() throws Exception {
    Validation v = validate(TRACES.resolve("execute-on-2f-commits"));
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
    assertEquals(7, v.firstUnmatchedIndex());
    assertEquals(SpecAction.Execute, v.firstUnmatched().action());
    assertEquals(1, v.firstUnmatched().replica());
    String diagnosis = String.join("\n", v.diagnosis());
    assertTrue(diagnosis.contains(
        "<<\"commits at n\", {<<0, 1, \"b1\", 0>>, <<0, 1, \"b1\", 1>>}>>"),
        "the spec state shows the two COMMITs only: " + diagnosis);
    assertTrue(diagnosis.contains("\"enabled\""), diagnosis);
  }

  @Test
  void aSecondPrePrepareAtTheSameViewAndSeqIsRejected() throws Exception {
    Validation v = validate(TRACES.resolve("conflicting-pre-prepares"));
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
    assertEquals(3, v.firstUnmatchedIndex());
    assertEquals(SpecAction.ReceivePrePrepare, v.firstUnmatched().action());
    assertEquals(1, v.firstUnmatched().replica());
    assertTrue(String.join("\n", v.diagnosis()).contains("<<0, 1, \"b1\", 1>>"),
        "replica 1 already accepted b1 at (0, 1)");
  }

  @Test
  void aSimulatorRunWithEveryReplicaCorrectConforms() throws Exception {
    Path dir = tmp.resolve("seed-1");
    Campaign campaign = new Campaign(SimParams.defaults().withOpsPerClient(4), "none");
    RunResult r;
    try (NdjsonTrace trace = new NdjsonTrace(dir)) {
      r = campaign.runSeed(1, trace);
    }
    assertTrue(r.passed(), r::toString);
    Validation v = validate(dir);
    assertEquals(Validation.Verdict.CONFORMS, v.verdict(), v::toString);
    assertTrue(v.events() > 50, "a run of 12 requests logs more than 50 events: " + v.events());
  }

  /** Seeds 1..8 of {@code --byzantine all}: each strategy once, about 1,000 events each. */
  private Path byzantineRun(long seed) throws Exception {
    Path dir = tmp.resolve("seed-" + seed);
    RunResult r;
    try (NdjsonTrace trace = new NdjsonTrace(dir)) {
      r = new Campaign(SimParams.defaults(), Strategies.ALL).runSeed(seed, trace);
    }
    assertTrue(r.passed(), r::toString);
    return dir;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void aSimulatorRunWithAByzantineReplicaConforms(long seed) throws Exception {
    Validation v = validate(byzantineRun(seed));
    assertEquals(Validation.Verdict.CONFORMS, v.verdict(), v::toString);
  }

  /** Without TLC: the runs above do exercise NEW-VIEWs whose V holds a faulty VIEW-CHANGE. */
  @Test
  void theByzantineRunsHaveNewViewsWithAFaultyViewChange() throws Exception {
    int withFaulty = 0;
    for (long seed = 1; seed <= 8; seed++) {
      List<TraceRecord> events = TraceInput.of(List.of(byzantineRun(seed))).get(0).read();
      var byz = TraceParams.silentReplicas(4, events);
      withFaulty += (int) events.stream().filter(e -> e.newView() != null)
          .filter(e -> e.newView().viewChanges().stream()
              .anyMatch(vc -> byz.contains(vc.replica())))
          .count();
    }
    assertTrue(withFaulty > 0, "no NEW-VIEW with a faulty VIEW-CHANGE in seeds 1..8");
  }

  /**
   * The first SendNewView with two pre-prepares, in the first Byzantine run from seed 2 on that
   * has one, with its O forged (the request of its second sequence number also at its first):
   * the spec's ComputeNewView derives another O from V, so that event is the first the spec
   * cannot explain.
   */
  @Test
  void aNewViewWithAForgedOIsTheFirstUnmatchedEvent() throws Exception {
    Path dir = null;
    String forged = null;
    for (long seed = 2; seed <= 40 && forged == null; seed++) {
      dir = byzantineRun(seed);
      forged = forgeFirstNewViewWithTwoPrePrepares(dir);
    }
    assertTrue(forged != null, "a seed in 2..40 has a SendNewView with two different "
        + "pre-prepares");
    Validation v = validate(dir);
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
    assertEquals(SpecAction.SendNewView, v.firstUnmatched().action());
    assertEquals(forged, v.firstUnmatched().where());
    assertTrue(String.join("\n", v.diagnosis()).contains("ComputeNewView derives"),
        () -> String.join("\n", v.diagnosis()));
  }

  /**
   * Gives the first SendNewView in {@code dir} whose O has two different pre-prepares the second
   * one's digest at both; returns where it is (file:line), or null if no event has two.
   */
  private static String forgeFirstNewViewWithTwoPrePrepares(Path dir) throws IOException {
    Pattern o = Pattern.compile(
        "\"O\":\\[\\[(\\d+),\"([0-9a-f]{64})\"\\],\\[(\\d+),\"([0-9a-f]{64})\"\\]");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = new ArrayList<>(Files.readAllLines(f));
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = o.matcher(lines.get(i));
        if (lines.get(i).contains("\"SendNewView\"") && m.find()
            && !m.group(2).equals(m.group(4))) {
          lines.set(i, lines.get(i).substring(0, m.start(2)) + m.group(4)
              + lines.get(i).substring(m.end(2)));
          Files.write(f, lines);
          return f + ":" + (i + 1);
        }
      }
    }
    return null;
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int cli(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "validate";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
  }

  @Test
  void validateCommandPrintsConformsAndExitsZero() {
    int code = cli(TRACES.resolve("normal-one-request").toString());
    assertEquals(0, code, () -> out + "\n" + err);
    assertTrue(out.toString().contains("conforms: 12 events"), out::toString);
  }

  @Test
  void validateCommandPrintsTheFirstUnmatchedEventAndExitsOne() {
    int code = cli(TRACES.resolve("execute-on-2f-commits").toString());
    assertEquals(1, code, () -> out + "\n" + err);
    assertTrue(out.toString().contains(
        "does not conform: event 7 of 12 is the first the spec cannot explain"), out::toString);
    assertTrue(out.toString().contains("event 7: Execute replica 1 view 0 seq 1"),
        out::toString);
    assertTrue(out.toString().contains("execute-on-2f-commits/replica-1.ndjson:3"),
        out::toString);
  }

  @Test
  void validateCommandRejectsAMalformedTraceWithItsLine() throws Exception {
    Path bad = tmp.resolve("replica-0.ndjson");
    Files.writeString(bad, TraceReaderTest.line(1, 0, "SendPrePrepare", 0, 1, TraceReaderTest.D)
        + "\n{\"step\":2,\"replica\":0,\"action\":\"SendPrePrepare\"\n");
    assertEquals(2, cli(bad.toString()), () -> out + "\n" + err);
    assertTrue(err.toString().contains(bad + ":2: not a JSON object"), err::toString);
  }
}
