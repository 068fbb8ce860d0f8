package org.pbft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pbft.tlc.Model;
import org.pbft.tlc.ModelDiscovery;
import org.pbft.tlc.ModelExpectation;
import org.pbft.tlc.ModelHeaderException;

/**
 * Which models {@code pbft check} runs, in order, with every header already read. Problems (a
 * missing file, a malformed header, an empty selection) are collected so that all of them are
 * reported at once and nothing runs.
 */
final class ModelSelection {
  static final String MAIN = "spec/MCPBFT.cfg";

  record Selected(Model model, String shownAs, boolean mutant) {}

  private final Path root;
  private final Path specDir;
  private final Map<Path, Selected> selected = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  ModelSelection(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.specDir = this.root.resolve("spec");
  }

  List<Selected> models() {
    return List.copyOf(selected.values());
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  /** A model named by the user: runs even when its header marks it a long check. */
  void addConfig(Path cfg) {
    Path file = cfg.toAbsolutePath().normalize();
    add(file, isMutant(file), true);
  }

  void addMain() {
    addConfig(root.resolve(MAIN));
  }

  /**
   * Every model of spec/: the main one, the other top-level ones (Debug included), mutants; not
   * the long checks, which run only when named.
   */
  void addAll() throws IOException {
    addMain();
    List<Path> all = ModelDiscovery.cfgsUnder(specDir);
    if (all.isEmpty()) {
      problems.add("no .cfg files under " + show(specDir));
    }
    all.forEach(cfg -> add(cfg, isMutant(cfg.toAbsolutePath().normalize()), false));
  }

  void addDebug() throws IOException {
    int before = selected.size();
    for (Path cfg : ModelDiscovery.cfgsIn(specDir)) {
      Model model = load(cfg);
      if (model != null && ModelDiscovery.isDebugModel(model)) {
        put(cfg, model, false);
      }
    }
    if (selected.size() == before && problems.isEmpty()) {
      problems.add("no Debug models in " + show(specDir) + " (a Debug model's header says "
          + "'\\* EXPECT: VIOLATION Debug...')");
    }
  }

  void addMutants() throws IOException {
    Path dir = specDir.resolve(ModelDiscovery.MUTANTS);
    List<Path> cfgs = ModelDiscovery.cfgsUnder(dir);
    if (cfgs.isEmpty()) {
      problems.add("no mutants: no .cfg files under " + show(dir));
    }
    cfgs.forEach(cfg -> add(cfg, true, false));
  }

  /** The path as users type it: relative to the project root when inside it. */
  String show(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }

  private void add(Path cfg, boolean mutant, boolean named) {
    Path file = cfg.toAbsolutePath().normalize();
    if (selected.containsKey(file)) {
      return;
    }
    Model model = load(file);
    if (model != null && (named || !model.expectation().isLongCheck())) {
      put(file, model, mutant);
    }
  }

  private void put(Path cfg, Model model, boolean mutant) {
    Path file = cfg.toAbsolutePath().normalize();
    if (mutant && model.expectation().kind() != ModelExpectation.Kind.VIOLATION) {
      problems.add(show(file) + ": a mutant must be refuted; its header must say "
          + "'\\* EXPECT: VIOLATION InvariantName'");
      return;
    }
    selected.putIfAbsent(file, new Selected(model, show(file), mutant));
  }

  private Model load(Path cfg) {
    if (!Files.exists(cfg)) {
      problems.add(show(cfg) + ": no such file");
      return null;
    }
    try {
      return Model.load(cfg, show(cfg));
    } catch (ModelHeaderException e) {
      problems.add(e.getMessage());
    } catch (IOException e) {
      problems.add(show(cfg) + ": cannot read: " + e.getMessage());
    }
    return null;
  }

  private boolean isMutant(Path file) {
    return file.startsWith(specDir.resolve(ModelDiscovery.MUTANTS));
  }
}
