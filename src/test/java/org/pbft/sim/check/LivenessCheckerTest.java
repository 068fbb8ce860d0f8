package org.pbft.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;
import org.pbft.sim.Operation;

class LivenessCheckerTest {
  private static final KvOperation GET = new KvOperation.Get("k");
  private final LivenessChecker checker = new LivenessChecker(100, 50);

  private static Operation done(long invoked, long completed) {
    return new Operation(1, 1, GET, invoked, invoked, completed, completed, KvResult.ok(null));
  }

  @Test
  void requestsOfTheFaultPhaseHaveTheBoundFromHealing() {
    assertEquals(150, checker.deadline(done(10, 20)));
    assertEquals(Optional.empty(), checker.check(List.of(done(10, 150), done(120, 170)), 200));
  }

  @Test
  void catchesALateAnswer() {
    Optional<Violation> v = checker.check(List.of(done(10, 20), done(120, 171)), 200);
    assertTrue(v.isPresent());
    assertEquals("Liveness", v.get().check());
  }

  @Test
  void catchesARequestNeverAnswered() {
    List<Operation> h = List.of(Operation.pending(1, 1, GET, 110, 0));
    assertEquals(Optional.empty(), checker.check(h, 160));
    assertTrue(checker.check(h, 161).isPresent());
  }
}
