package org.pbft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSelectionTest {
  @TempDir Path root;

  private void model(String cfg, String header) throws IOException {
    Path spec = root.resolve("spec");
    Files.createDirectories(spec);
    Files.writeString(spec.resolve("MCPBFT.tla"), "---- MODULE MCPBFT ----\n====\n");
    Files.writeString(spec.resolve(cfg), header + "INIT Init\nNEXT Next\n");
  }

  private List<String> shown(ModelSelection selection) {
    return selection.models().stream().map(ModelSelection.Selected::shownAs).toList();
  }

  @Test
  void longChecksAreLeftOutOfAllButRunWhenNamed() throws IOException {
    model("MCPBFT.cfg", "\\* EXPECT: PASS distinct >= 1\n");
    model("MCPBFT-large.cfg", "\\* LONG: hours\n\\* EXPECT: PASS distinct >= 1\n");

    ModelSelection all = new ModelSelection(root);
    all.addAll();
    assertTrue(all.problems().isEmpty(), all.problems()::toString);
    assertEquals(List.of("spec/MCPBFT.cfg"), shown(all));

    ModelSelection named = new ModelSelection(root);
    named.addConfig(root.resolve("spec/MCPBFT-large.cfg"));
    assertEquals(List.of("spec/MCPBFT-large.cfg"), shown(named));
  }
}
