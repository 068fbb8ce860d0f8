package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.cli.Main;

/** The command line's usage errors (exit 2), which are found before TLC is started. */
class CheckCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void helpWorks() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("check"), out::toString);
    assertEquals(0, run("check", "--help"));
    assertTrue(out.toString().contains("--mutants"), out::toString);
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, run());
    assertEquals(2, run("chek"));
  }

  @Test
  void unknownFile() {
    Path missing = dir.resolve("Nope.cfg");
    assertEquals(2, run("check", "--config", missing.toString()));
    assertTrue(err.toString().contains(missing + ": no such file"), err::toString);
    assertTrue(err.toString().contains("nothing was checked"), err::toString);
  }

  @Test
  void malformedHeaderIsReportedWithFileAndLine() throws Exception {
    Files.writeString(dir.resolve("M.tla"), "");
    Path cfg = Files.writeString(dir.resolve("M.cfg"), "\\* EXPECT: PASS\nINIT Init\n");
    assertEquals(2, run("check", "--config", cfg.toString()));
    assertTrue(err.toString().contains(cfg + ":1: malformed EXPECT 'PASS'"), err::toString);
  }

  @Test
  void badOptionValues() throws Exception {
    Files.writeString(dir.resolve("M.tla"), "");
    Path cfg = Files.writeString(dir.resolve("M.cfg"), "\\* EXPECT: PASS distinct >= 1\n");
    assertEquals(2, run("check", "--config", cfg.toString(), "--workers", "0"));
    assertEquals(2, run("check", "--config", cfg.toString(), "--max-heap", "huge"));
    assertEquals(2, run("check", "--workers", "many"));
    assertEquals(2, run("check", "--no-such-option"));
  }
}
