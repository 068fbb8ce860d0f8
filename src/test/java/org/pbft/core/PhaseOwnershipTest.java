package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each variable of the spec's replica that {@link ReplicaState} holds is assigned by one phase
 * class only, as its doc comment says: {@code view} and {@code status} by {@link ViewChanging},
 * {@code lastExecuted} by {@link NormalCase}, {@code stateFetch} by {@link Checkpointing}.
 * Another phase that needs one changed calls its owner.
 */
class PhaseOwnershipTest {
  private static final Path CORE =
      Path.of(System.getProperty("pbft.root", ".")).resolve("src/main/java/org/pbft/core");
  private static final Map<String, String> OWNER = Map.of(
      "view", "ViewChanging", "status", "ViewChanging",
      "lastExecuted", "NormalCase", "stateFetch", "Checkpointing");
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "\\bstate\\.(view|status|lastExecuted|stateFetch)\\s*(?:=[^=]|\\+\\+|--|[+-]=)");

  /** By variable, the classes whose source assigns it through {@code state.}. */
  private static Map<String, Set<String>> writers(Map<String, String> sources) {
    Map<String, Set<String>> writers = new TreeMap<>();
    sources.forEach((cls, source) -> {
      Matcher m = ASSIGNMENT.matcher(source);
      while (m.find()) {
        writers.computeIfAbsent(m.group(1), v -> new TreeSet<>()).add(cls);
      }
    });
    return writers;
  }

  @Test
  void eachReplicaVariableHasOneWritingPhase() throws IOException {
    Map<String, String> sources = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(CORE)) {
      files = list.filter(f -> f.toString().endsWith(".java")).toList();
    }
    for (Path f : files) {
      sources.put(f.getFileName().toString().replace(".java", ""), Files.readString(f));
    }
    Map<String, Set<String>> writers = writers(sources);
    assertEquals(OWNER.keySet(), writers.keySet(), "variables assigned: " + writers);
    OWNER.forEach((variable, owner) -> assertEquals(Set.of(owner), writers.get(variable),
        variable + " is assigned outside " + owner));
  }

  @Test
  void aSecondWriterIsCaught() {
    Map<String, Set<String>> writers = writers(Map.of(
        "NormalCase", "    state.lastExecuted = n;\n",
        "Checkpointing", "    state.lastExecuted = s.seq();\n    if (state.view == v) {}\n"));
    assertEquals(Set.of("Checkpointing", "NormalCase"), writers.get("lastExecuted"));
    assertTrue(!writers.containsKey("view"), "a comparison is not an assignment: " + writers);
  }
}
