package org.pbft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code speaks the spec's vocabulary: every trace event and every {@code Spec:} reference in
 * the protocol core names an operator spec/PBFT.tla defines, each spec action has exactly one
 * handler, and the {@code \* Java:} comment beside the action in the spec names that handler.
 */
class SpecVocabularyTest {
  private static final Path ROOT = Path.of(System.getProperty("pbft.root", "."));
  private static final Pattern DEFINITION =
      Pattern.compile("^([A-Z][A-Za-z0-9]*)(\\(.*\\))?\\s*==", Pattern.MULTILINE);
  private static final Pattern SPEC_REF = Pattern.compile("Spec: PBFT\\.tla!([A-Za-z0-9]+)");
  private static final Pattern DECLARED_NAME = Pattern.compile("([A-Za-z0-9_]+)\\s*\\(");
  private static final Pattern JAVA_COMMENT =
      Pattern.compile("^\\\\\\* Java: ([A-Za-z0-9]+\\.[A-Za-z0-9]+)", Pattern.MULTILINE);
  /** The protocol core: the replica's entry point and its handlers, one class per phase. */
  private static final String CORE = "src/main/java/org/pbft/core";

  private static Set<String> specOperators() throws IOException {
    String spec = Files.readString(ROOT.resolve("spec/PBFT.tla"));
    Set<String> names = new HashSet<>();
    Matcher m = DEFINITION.matcher(spec);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** A {@code Spec: PBFT.tla!X} tag in a core source file, and the method it documents. */
  private record SpecReference(String operator, String file, String method) {
    String handler() {
      return file.replace(".java", "") + "." + method;
    }
  }

  /**
   * Every {@code Spec:} tag in the protocol core (the files of org.pbft.core). The method a tag
   * documents is the first name followed by "(" after the end of the doc comment holding it.
   */
  private static List<SpecReference> specReferences() throws IOException {
    List<SpecReference> refs = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.list(ROOT.resolve(CORE))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : sources) {
      String source = Files.readString(file);
      Matcher m = SPEC_REF.matcher(source);
      while (m.find()) {
        int docEnd = source.indexOf("*/", m.end());
        Matcher declared = DECLARED_NAME.matcher(source);
        String method = docEnd >= 0 && declared.find(docEnd) ? declared.group(1) : "";
        refs.add(new SpecReference(m.group(1), file.getFileName().toString(), method));
      }
    }
    return refs;
  }

  private static Set<String> specActions() {
    return Arrays.stream(SpecAction.values()).map(Enum::name).collect(Collectors.toSet());
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
  void everySpecReferenceInTheCoreNamesASpecOperator() throws IOException {
    Set<String> defined = specOperators();
    for (SpecReference ref : specReferences()) {
      assertTrue(defined.contains(ref.operator()), ref.file() + " refers to PBFT.tla!"
          + ref.operator() + ", which the spec does not define");
    }
  }

  @Test
  void eachSpecActionHasExactlyOneHandler() throws IOException {
    List<SpecReference> refs = specReferences();
    for (SpecAction a : SpecAction.values()) {
      List<String> handlers = refs.stream()
          .filter(ref -> ref.operator().equals(a.name()))
          .map(SpecReference::handler)
          .toList();
      assertEquals(1, handlers.size(), "handlers for " + a + " in " + CORE + ": " + handlers);
    }
  }

  /**
   * Beside each spec action, {@code \* Java: Class.method} names the method whose doc comment is
   * tagged with that action, and that class of org.pbft.core declares it.
   */
  @Test
  void theJavaCommentBesideEachSpecActionNamesItsHandler() throws Exception {
    String spec = Files.readString(ROOT.resolve("spec/PBFT.tla"));
    Set<String> actions = specActions();
    Map<String, String> commented = new TreeMap<>();
    Matcher comment = JAVA_COMMENT.matcher(spec);
    while (comment.find()) {
      Matcher definition = DEFINITION.matcher(spec);
      definition.useAnchoringBounds(false);
      definition.region(comment.end(), spec.length());
      String action = null;
      while (action == null && definition.find()) {
        if (actions.contains(definition.group(1))) {
          action = definition.group(1);
        }
      }
      assertNotNull(action, "no spec action after \\* Java: " + comment.group(1));
      String previous = commented.put(action, comment.group(1));
      assertNull(previous, action + " has two \\* Java: comments");
    }
    assertEquals(new TreeSet<>(actions), commented.keySet(),
        "spec actions with a \\* Java: comment");

    Map<String, String> tagged = new TreeMap<>();
    specReferences().stream()
        .filter(ref -> actions.contains(ref.operator()))
        .forEach(ref -> tagged.put(ref.operator(), ref.handler()));
    assertEquals(tagged, commented, "\\* Java: comments against the methods tagged Spec:");

    for (String handler : commented.values()) {
      String className = "org.pbft.core." + handler.substring(0, handler.indexOf('.'));
      String method = handler.substring(handler.indexOf('.') + 1);
      Class<?> type = Class.forName(className);
      boolean declared =
          Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(method));
      assertTrue(declared, className + " declares no method " + method);
    }
  }
}
