package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which module a cfg is checked against, and how models are found. */
class ModelTest {
  private static final String CFG = "\\* EXPECT: VIOLATION DebugInv\nINVARIANT DebugInv\n";

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void sameNameFirst() throws Exception {
    write("MCPBFT.tla", "");
    write("MCPBFT-debug.tla", "");
    Path cfg = write("MCPBFT-debug.cfg", CFG);
    assertEquals(dir.resolve("MCPBFT-debug.tla"), Model.load(cfg, "x").spec());
  }

  @Test
  void thenTheNameUpToTheFirstDash() throws Exception {
    write("MCPBFT.tla", "");
    Path cfg = write("MCPBFT-debug-commit.cfg", CFG);
    assertEquals(dir.resolve("MCPBFT.tla"), Model.load(cfg, "x").spec());
  }

  @Test
  void specInTheHeaderWinsAndMayPointElsewhere() throws Exception {
    write("MCPBFT.tla", "");
    write("mutants/NoCommit.tla", "");
    Path cfg = write("mutants/NoCommit.cfg", "\\* SPEC: ../MCPBFT.tla\n" + CFG);
    assertEquals(dir.resolve("MCPBFT.tla"), Model.load(cfg, "x").spec());
  }

  @Test
  void specThatDoesNotExist() throws Exception {
    Path cfg = write("M.cfg", "\\* SPEC: Gone.tla\n" + CFG);
    ModelHeaderException e =
        assertThrows(ModelHeaderException.class, () -> Model.load(cfg, "spec/M.cfg"));
    assertTrue(e.getMessage().startsWith("spec/M.cfg:1: SPEC names Gone.tla"), e.getMessage());
  }

  @Test
  void noModuleAtAll() throws Exception {
    Path cfg = write("MCsmall-x.cfg", CFG);
    ModelHeaderException e =
        assertThrows(ModelHeaderException.class, () -> Model.load(cfg, "spec/MCsmall-x.cfg"));
    assertEquals("spec/MCsmall-x.cfg: no module to check: MCsmall-x.tla does not exist nor "
        + "MCsmall.tla; name it in the header with '\\* SPEC: Module.tla'", e.getMessage());
  }

  @Test
  void discoveryListsTopLevelFirstAndSkipsStatesDirectories() throws Exception {
    write("b.cfg", "");
    write("a.cfg", "");
    write("mutants/z.cfg", "");
    write("mutants/deeper/y.cfg", "");
    write("states/25-11-20/MC.cfg", "");
    write("notes.txt", "");
    assertEquals(List.of("a.cfg", "b.cfg", "mutants/z.cfg", "mutants/deeper/y.cfg"),
        ModelDiscovery.cfgsUnder(dir).stream().map(p -> dir.relativize(p).toString()).toList());
    assertEquals(List.of(dir.resolve("a.cfg"), dir.resolve("b.cfg")), ModelDiscovery.cfgsIn(dir));
  }

  @Test
  void debugModelsExpectADebugViolation() throws Exception {
    write("M.tla", "");
    Path debug = write("M-debug.cfg", CFG);
    Path pass = write("M.cfg", "\\* EXPECT: PASS distinct >= 1\nINVARIANT DebugInv\n");
    assertTrue(ModelDiscovery.isDebugModel(Model.load(debug, "d")));
    assertTrue(!ModelDiscovery.isDebugModel(Model.load(pass, "p")));
  }
}
