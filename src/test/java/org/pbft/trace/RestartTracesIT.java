package org.pbft.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.SpecAction;
import org.pbft.tlc.TlcRunSettings;

/**
 * A restarted replica is validated as the same replica: its events before and after a Restart
 * are one replica's, in one file, and TLC matches the Restart to PBFT.tla!Restart(r, k) with k
 * the event's seq. The example traces of trace-validation/traces/restart-* get the verdicts
 * trace-validation/README.md gives: restarts that keep the replica's state conform, and a
 * replica that comes back having forgotten is rejected at the event where that shows.
 */
class RestartTracesIT {
  private static final Path TRACES = Path.of(System.getProperty("pbft.root",
      System.getProperty("user.dir"))).resolve("trace-validation").resolve("traces");

  private static Validation validate(String name) throws Exception {
    List<TraceInput> inputs = TraceInput.of(List.of(TRACES.resolve(name)));
    assertEquals(1, inputs.size());
    List<TraceRecord> events = inputs.get(0).read();
    TraceParams params = new TraceParams(4, 1, 4, 8, TraceParams.silentReplicas(4, events));
    Path root = TRACES.getParent().getParent();
    return new TraceValidator(root, TlcRunSettings.defaults().withWorkers(1), null)
        .validate(events, params);
  }

  private static String diagnosis(Validation v) {
    return String.join("\n", v.diagnosis());
  }

  /**
   * Seed 10 of {@code --byzantine all} with six restarts: before any event, the new primary
   * right after its NEW-VIEW, a replica in a view change, one fetching a checkpoint's state
   * (it logs the last number it executed, below h), and one twice in a row at the end.
   */
  @Test
  void restartsThatKeepTheReplicasStateConform() throws Exception {
    List<TraceRecord> events =
        TraceInput.of(List.of(TRACES.resolve("restart-conforms"))).get(0).read();
    assertEquals(6, events.stream().filter(e -> e.action() == SpecAction.Restart).count());
    Validation v = validate("restart-conforms");
    assertEquals(Validation.Verdict.CONFORMS, v.verdict(), v::toString);
    assertEquals(138, v.events());
  }

  /**
   * The same run, but replica 2 comes back from its crash in the view change as the
   * implementation did before it kept a log: view 0, nothing executed. Rejected at that
   * Restart: the spec's replica 2 is in view 2 and has executed up to 5, its checkpoint at 4.
   */
  @Test
  void aRestartWithAnEmptyStateIsTheFirstUnmatchedEvent() throws Exception {
    Validation v = validate("restart-forgets-state");
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
    assertEquals(81, v.firstUnmatchedIndex());
    TraceRecord first = v.firstUnmatched();
    assertEquals(SpecAction.Restart, first.action());
    assertEquals(2, first.replica());
    assertEquals(0, first.view());
    assertEquals(0, first.seq());
    assertTrue(diagnosis(v).contains("<<\"Restart\", 2, \"k from\", 4, \"to\", 5>>"),
        () -> "the spec's replica 2 may restart in view 2 with k in 4..5: " + diagnosis(v));
  }

  /**
   * Hand-written, the trace of mutant spec/mutants/ForgetfulRestart.tla's counterexample: the
   * Byzantine primary 0 (no file) sends b1 to replicas 1 and 2 and b2 to replica 3 at (0, 1);
   * replica 1 executes b1; replica 2 restarts (in view 0, having executed nothing: the Restart
   * itself is right) and then accepts b2 at (0, 1), as if it had forgotten its PREPARE of b1.
   * Rejected at that ReceivePrePrepare (event 8 of 11), not at the later Execute of b2.
   */
  @Test
  void aPrepareThatContradictsOneSentBeforeTheRestartIsTheFirstUnmatchedEvent()
      throws Exception {
    Validation v = validate("restart-forgets-prepare");
    assertEquals(Validation.Verdict.DOES_NOT_CONFORM, v.verdict(), v::toString);
    assertEquals(8, v.firstUnmatchedIndex());
    assertEquals(11, v.events());
    TraceRecord first = v.firstUnmatched();
    assertEquals(SpecAction.ReceivePrePrepare, first.action());
    assertEquals(2, first.replica());
    assertEquals(1, first.seq());
    assertTrue(diagnosis(v).contains("<<0, 1, \"b1\", 2>>"),
        () -> "replica 2's PREPARE of b1 at (0, 1) survives its restart: " + diagnosis(v));
  }
}
