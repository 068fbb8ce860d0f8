package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.cli.Main;

/**
 * {@code pbft check} with no option, --debug, --mutants and --all, on a small project of its own:
 * a main model, a Debug model, a mutant that is refuted and one that is not.
 */
class CheckSelectionIT {
  private static final String MODULE = String.join("\n",
      "---- MODULE MCPBFT ----",
      "EXTENDS Naturals",
      "CONSTANT Max",
      "VARIABLES x, y",
      "Init == x = 0 /\\ y = 0",
      "Next == \\/ x < Max /\\ x' = x + 1 /\\ UNCHANGED y",
      "        \\/ y < Max /\\ y' = y + 1 /\\ UNCHANGED x",
      "TypeOK == x \\in 0..Max /\\ y \\in 0..Max",
      "SumBelowSevenInv == x + y < 7",
      "DebugCornerInv == ~(x = Max /\\ y = Max)",
      "====", "");
  private static final String BODY = "CONSTANT Max = 5\nINIT Init\nNEXT Next\n"
      + "CHECK_DEADLOCK FALSE\n";

  @TempDir
  Path root;

  private String savedRoot;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void project() throws IOException {
    write("spec/MCPBFT.tla", MODULE);
    write("spec/MCPBFT.cfg", "\\* EXPECT: PASS distinct >= 36\n" + BODY + "INVARIANT TypeOK\n");
    write("spec/MCPBFT-debug.cfg",
        "\\* EXPECT: VIOLATION DebugCornerInv\n" + BODY + "INVARIANT DebugCornerInv\n");
    write("spec/mutants/XBelowThree.tla",
        "---- MODULE XBelowThree ----\nEXTENDS MCPBFT\nXBelowThreeInv == x < 3\n====\n");
    write("spec/mutants/XBelowThree.cfg",
        "\\* EXPECT: VIOLATION XBelowThreeInv\n" + BODY + "INVARIANT XBelowThreeInv\n");
    write("spec/mutants/Unrefuted.cfg", "\\* SPEC: ../MCPBFT.tla\n"
        + "\\* EXPECT: VIOLATION SumBelowSevenInv\n"
        + BODY.replace("Max = 5", "Max = 3") + "INVARIANT SumBelowSevenInv\n");
    savedRoot = System.getProperty("pbft.root");
    System.setProperty("pbft.root", root.toString());
  }

  @AfterEach
  void restore() {
    if (savedRoot == null) {
      System.clearProperty("pbft.root");
    } else {
      System.setProperty("pbft.root", savedRoot);
    }
  }

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private int check(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
  }

  @Test
  void mainModelByDefault() {
    assertEquals(0, check(), out::toString);
    assertTrue(out.toString().startsWith("PASS spec/MCPBFT.cfg: 36 distinct states"),
        out::toString);
  }

  @Test
  void debugModelsAreThoseExpectingADebugViolation() {
    assertEquals(0, check("--debug"), out::toString);
    assertTrue(out.toString().contains("PASS spec/MCPBFT-debug.cfg: DebugCornerInv violated"),
        out::toString);
    assertFalse(out.toString().contains("spec/MCPBFT.cfg"), out::toString);
  }

  @Test
  void mutantsTableShowsTheOneNotRefuted() {
    assertEquals(1, check("--mutants"), out::toString);
    String text = out.toString();
    assertTrue(text.matches("(?s).*\\nUnrefuted +NO +SumBelowSevenInv +- .*"), text);
    assertTrue(text.matches("(?s).*\\nXBelowThree +yes +XBelowThreeInv +\\d+ states .*"), text);
    assertTrue(text.contains("FAIL mutants: 1 of 2 not refuted: Unrefuted"), text);
  }

  @Test
  void allRunsEveryModel() throws IOException {
    Files.delete(root.resolve("spec/mutants/Unrefuted.cfg"));
    assertEquals(0, check("--all"), out::toString);
    assertTrue(out.toString().contains("PASS mutants: all 1 refuted"), out::toString);
    assertTrue(out.toString().contains("PASS all 3 models met their expectations"),
        out::toString);
  }

  @Test
  void aMutantMustExpectAViolation() throws IOException {
    write("spec/mutants/Lazy.cfg", "\\* SPEC: ../MCPBFT.tla\n\\* EXPECT: PASS distinct >= 1\n"
        + BODY);
    assertEquals(2, check("--mutants"), err::toString);
    assertTrue(err.toString().contains("spec/mutants/Lazy.cfg: a mutant must be refuted"),
        err::toString);
  }
}
