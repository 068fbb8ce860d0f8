package org.pbft.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the models of a spec directory: every .cfg file, top-level ones first. Directories named
 * {@code states} (TLC's default working directory) and hidden directories are skipped.
 */
public final class ModelDiscovery {
  /** The directory of mutants, relative to the spec directory. */
  public static final String MUTANTS = "mutants";

  private ModelDiscovery() {}

  /** Every .cfg under {@code dir}, recursively: files of a directory before its subdirectories. */
  public static List<Path> cfgsUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".cfg"))
          .filter(p -> !skipped(dir.relativize(p)))
          .sorted(Comparator.comparing((Path p) -> dir.relativize(p).getNameCount())
              .thenComparing(p -> dir.relativize(p).toString()))
          .toList();
    }
  }

  /** The .cfg files directly in {@code dir}. */
  public static List<Path> cfgsIn(Path dir) throws IOException {
    return cfgsUnder(dir).stream().filter(p -> p.getParent().equals(dir)).toList();
  }

  /** A Debug model expects a violation of an invariant named Debug...: a reachability check. */
  public static boolean isDebugModel(Model model) {
    ModelExpectation e = model.expectation();
    return e.kind() == ModelExpectation.Kind.VIOLATION && e.violation().startsWith("Debug");
  }

  private static boolean skipped(Path relative) {
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      String name = relative.getName(i).toString();
      if (name.equals("states") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
