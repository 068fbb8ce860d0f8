package org.pbft.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model to check: its .cfg file, the module TLC checks with it, and the expected verdict.
 *
 * <p>The module is the header's SPEC (relative to the cfg), else the cfg's name with .tla, else
 * the cfg's name up to its first '-' with .tla, so that {@code MCPBFT-debug.cfg} checks
 * {@code MCPBFT.tla}.
 */
public record Model(Path cfg, Path spec, ModelExpectation expectation) {

  /** Loads the model of {@code cfg}; {@code shownAs} names the file in error messages. */
  public static Model load(Path cfg, String shownAs) throws IOException, ModelHeaderException {
    if (!Files.isRegularFile(cfg)) {
      throw new ModelHeaderException(shownAs, 0, "no such file");
    }
    ModelExpectation expectation = ModelExpectation.parse(shownAs, Files.readString(cfg));
    return new Model(cfg, spec(cfg, shownAs, expectation), expectation);
  }

  private static Path spec(Path cfg, String shownAs, ModelExpectation e)
      throws ModelHeaderException {
    Path dir = cfg.toAbsolutePath().getParent();
    if (e.spec() != null) {
      Path named = dir.resolve(e.spec()).normalize();
      if (!Files.isRegularFile(named)) {
        throw new ModelHeaderException(shownAs, e.specLine(),
            "SPEC names " + e.spec() + ", which does not exist in " + dir);
      }
      return named;
    }
    String base = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
    Path sameName = dir.resolve(base + ".tla");
    if (Files.isRegularFile(sameName)) {
      return sameName;
    }
    int dash = base.indexOf('-');
    if (dash > 0) {
      Path prefix = dir.resolve(base.substring(0, dash) + ".tla");
      if (Files.isRegularFile(prefix)) {
        return prefix;
      }
    }
    throw new ModelHeaderException(shownAs, 0, "no module to check: " + base + ".tla does not "
        + "exist" + (dash > 0 ? " nor " + base.substring(0, dash) + ".tla" : "")
        + "; name it in the header with '\\* SPEC: Module.tla'");
  }

  /** Title for humans: the header's TITLE, or nothing. */
  public String title() {
    return expectation.title() == null ? "" : expectation.title();
  }
}
