package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.pbft.cli.Main;

/** {@code pbft check} end to end on the fixture specs: verdict lines and exit codes. */
class CheckCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int check(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
  }

  private static String cfg(String name) {
    return Fixtures.cfg(name).toString();
  }

  @Test
  void modelsThatMeetTheirExpectationsExitZero() {
    int code = check("--config", cfg("Tiny.cfg"), cfg("Tiny-violation.cfg"));
    assertEquals(0, code, out::toString);
    assertTrue(out.toString().contains("tlc/fixtures/Tiny.cfg: 36 distinct states, depth 11, "),
        out::toString);
    assertTrue(out.toString().contains("SumBelowSevenInv violated as expected "
        + "(counterexample of 8 states)"), out::toString);
    assertTrue(out.toString().contains("PASS all 2 models met their expectations"), out::toString);
  }

  @Test
  void aModelThatFailsExitsOneAndSaysWhy() {
    int code = check("--config", cfg("Tiny.cfg"), cfg("Deadlock.cfg"));
    assertEquals(1, code, out::toString);
    assertTrue(out.toString().contains("tlc/fixtures/Deadlock.cfg: expected no violation, "
        + "but TLC reached a deadlock (trace of 4 states)"), out::toString);
    assertTrue(out.toString().contains("FAIL 1 of 2 models did not meet their expectations"),
        out::toString);
  }

  @Test
  void deadlockCanBeSwitchedOff() {
    assertEquals(0, check("--no-deadlock", "--config", cfg("Deadlock.cfg")), out::toString);
  }

  @Test
  void parseErrorsAreReportedWithTheirLocation() {
    assertEquals(1, check("--config", cfg("ParseError.cfg")), out::toString);
    assertTrue(out.toString().contains("ParseError.tla:5:20: parse error"), out::toString);
  }

  @Test
  void outOfMemoryComesWithAHint() {
    assertEquals(1, check("--max-heap", "32m", "--config", cfg("OutOfMemory.cfg")),
        out::toString);
    assertTrue(out.toString().contains("TLC ran out of memory"), out::toString);
    assertTrue(out.toString().contains("--max-heap"), out::toString);
  }
}
