package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code speaks the spec's vocabulary: every trace event and every {@code Spec:} reference in
 * the replica names an operator spec/PBFT.tla defines, and each spec action has exactly one
 * handler.
 */
class SpecVocabularyTest {
  private static final Path ROOT = Path.of(System.getProperty("pbft.root", "."));
  private static final Pattern DEFINITION =
      Pattern.compile("^([A-Z][A-Za-z0-9]*)(\\(.*\\))?\\s*==", Pattern.MULTILINE);
  private static final Pattern SPEC_REF = Pattern.compile("Spec: PBFT\\.tla!([A-Za-z0-9]+)");

  private static Set<String> specOperators() throws IOException {
    String spec = Files.readString(ROOT.resolve("spec/PBFT.tla"));
    Set<String> names = new HashSet<>();
    Matcher m = DEFINITION.matcher(spec);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static List<String> specReferences(String file) throws IOException {
    String source = Files.readString(ROOT.resolve("src/main/java/org/pbft/core/" + file));
    List<String> refs = new ArrayList<>();
    Matcher m = SPEC_REF.matcher(source);
    while (m.find()) {
      refs.add(m.group(1));
    }
    return refs;
  }

  @Test
  void everyTraceEventIsASpecAction() throws IOException {
    Set<String> defined = specOperators();
    for (SpecAction a : SpecAction.values()) {
      assertTrue(defined.contains(a.name()), a + " is not defined in spec/PBFT.tla");
    }
  }

  @Test
  void everyActionOfTheNextStateRelationIsATraceEvent() throws IOException {
    String spec = Files.readString(ROOT.resolve("spec/PBFT.tla"));
    Matcher m = Pattern.compile("^Do([A-Za-z]+)\\s*==", Pattern.MULTILINE).matcher(spec);
    Set<String> actions = new HashSet<>();
    while (m.find()) {
      actions.add(m.group(1));
    }
    Set<String> events = new HashSet<>();
    Arrays.stream(SpecAction.values()).forEach(a -> events.add(a.name()));
    assertEquals(actions, events);
  }

  @Test
  void everySpecReferenceInTheReplicaNamesASpecOperator() throws IOException {
    Set<String> defined = specOperators();
    for (String ref : specReferences("Replica.java")) {
      assertTrue(defined.contains(ref), "Replica.java refers to PBFT.tla!" + ref
          + ", which the spec does not define");
    }
  }

  @Test
  void eachSpecActionHasExactlyOneHandler() throws IOException {
    List<String> refs = specReferences("Replica.java");
    for (SpecAction a : SpecAction.values()) {
      assertEquals(1, refs.stream().filter(a.name()::equals).count(),
          "handlers for " + a + " in Replica.java");
    }
  }
}
