package org.pbft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.tlc.TlcErrorTrace;

/** The whole error trace is read back from TLC's -tool output, not the first lines only. */
class TlcErrorTraceTest {
  static Path fixture(String name) {
    return Path.of("src/test/resources/org/pbft/report", name);
  }

  @Test
  void readsEveryStateOfAMutantsCounterexample() throws Exception {
    List<TlcErrorTrace.State> states = TlcErrorTrace.read(fixture("NoPrePrepare.log"));
    assertEquals(11, states.size());
    assertEquals("Initial predicate", states.get(0).action());
    assertEquals("AcceptPrimaryPrepare", states.get(1).action());
    assertTrue(states.get(1).location().contains("module NoPrePrepare"), states.get(1).location());
    assertEquals(10, states.get(1).variables().size());
    assertTrue(states.get(10).variables().stream().anyMatch(v -> v.startsWith("executed = ")));
  }

  @Test
  void joinsAValueThatSpansLines() throws Exception {
    List<TlcErrorTrace.State> states =
        TlcErrorTrace.read(fixture("NewViewIgnoresPrepared.log"));
    String vcs = states.get(states.size() - 1).variables().stream()
        .filter(v -> v.startsWith("viewChanges = ")).findFirst().orElseThrow();
    assertTrue(vcs.contains("\n"), vcs);
    assertTrue(TlaValueParser.parse(vcs.substring("viewChanges = ".length()))
        instanceof TlaValue.Set s && s.elements().size() == 2, vcs);
  }

  @Test
  void readsALivenessTraceWithItsLoop() throws Exception {
    List<TlcErrorTrace.State> states =
        TlcErrorTrace.read(Path.of("src/test/resources/tlc/output/temporal.out"));
    assertEquals(4, states.size());
    assertEquals(List.of("x = 2"), states.get(2).variables());
    assertEquals(TlcErrorTrace.Kind.BACK_TO_STATE, states.get(3).kind());
    assertEquals(1, states.get(3).number());
  }

  @Test
  void aPassingRunHasNoTrace() throws Exception {
    assertEquals(List.of(),
        TlcErrorTrace.read(Path.of("src/test/resources/tlc/output/pass.out")));
  }
}
