package org.pbft.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pbft.proofs.ProofLinks.Kind;
import org.pbft.proofs.ProofLinks.Problem;

/**
 * Every link of the safety argument in {@code proofs-notes/} names a spec operator, a Java method
 * or test, or a spec file that exists; and the checker catches links that do not.
 */
class ProofLinksTest {

  private final Path root = ProofLinks.projectRoot();
  private final Path notes = root.resolve("proofs-notes");
  private final ProofLinks checker = new ProofLinks(root, getClass().getClassLoader());

  @Test
  void everyLinkInTheNotesResolves() {
    assertTrue(Files.isDirectory(notes), "no " + notes + " (set -Dpbft.root to the project)");
    List<Problem> problems = checker.checkAll(notes);
    if (!problems.isEmpty()) {
      fail(problems.size() + " broken link(s) in " + notes + ":\n"
          + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }
  }

  /** An empty scan must not pass: the notes hold links of every kind, many of them. */
  @Test
  void theNotesAreLinkedToSpecCodeAndTests() {
    Map<Kind, Set<String>> links = ProofLinks.linksByKind(notes);
    for (Kind kind : Kind.values()) {
      assertFalse(links.getOrDefault(kind, Set.of()).isEmpty(), "no " + kind + " link in " + notes);
    }
    assertTrue(links.get(Kind.TLA).size() >= 50, "few spec links: " + links.get(Kind.TLA));
    assertTrue(links.get(Kind.JAVA).stream().filter(l -> l.contains("Test#")).count() >= 30,
        "few links to tests: " + links.get(Kind.JAVA));
  }

  /** Each mutant appears where the step it removes is argued. */
  @Test
  void everyMutantIsArguedInTheNotes() throws IOException {
    Set<String> linked = ProofLinks.linksByKind(notes).getOrDefault(Kind.SPEC_PATH, Set.of());
    Set<String> mutants;
    try (Stream<Path> files = Files.list(root.resolve("spec/mutants"))) {
      mutants = files.filter(p -> p.toString().endsWith(".cfg"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertFalse(mutants.isEmpty());
    Set<String> missing = new TreeSet<>(mutants);
    missing.removeAll(linked);
    assertEquals(Set.of(), missing, "mutants not linked from " + notes);
  }

  /** The index links every step. */
  @Test
  void everyNoteIsReachableFromTheIndex() throws IOException {
    Set<String> fromIndex = ProofLinks.links(Files.readString(notes.resolve("README.md")))
        .stream()
        .filter(l -> l.kind() == Kind.NOTE)
        .map(l -> l.text().replaceFirst("#.*$", ""))
        .collect(Collectors.toSet());
    Set<String> missing = ProofLinks.notes(notes).stream()
        .map(p -> notes.relativize(p).toString().replace('\\', '/'))
        .filter(name -> !name.equals("README.md") && !fromIndex.contains(name))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), missing, "notes the index does not link");
  }

  /** The checker on a small note with one link of each kind broken, beside good ones. */
  @Test
  void brokenLinksAreReported() {
    String note = String.join("\n",
        "# An example",                                                        // 1
        "",                                                                    // 2
        "Good: `PBFT.tla!AgreementInv`, `org.pbft.core.Quorums#commits`,",     // 3
        "`org.pbft.quorum.QuorumIntersectionTest#anyTwoQuorumsShareACorrectReplica`,",  // 4
        "`spec/MCPBFT.cfg`. A bad operator `PBFT.tla!NoSuchOperator` and a bad method",  // 5
        "`org.pbft.core.Quorums#noSuchMethod`; a class that does not exist",   // 6
        "`org.pbft.core.NoSuchClass#step`, a module `NoSuchModule.tla!Init`,", // 7
        "a path `spec/NoSuch.cfg`, a name bound by LET `PBFT.tla!minS`.",      // 8
        "Unqualified `Quorums#commits`; malformed `PBFT.tla!Agreement Inv`;",  // 9
        "broken across lines `PBFT.tla!Agreement",                             // 10
        "Inv`; plain code `x.tla` and ``spec/in-double-backticks``.",          // 11
        "",                                                                    // 12
        "```",                                                                 // 13
        "`PBFT.tla!InsideAFenceIsNotRead`",                                    // 14
        "```",                                                                 // 15
        "",                                                                    // 16
        "A [missing note](no-such-note.md), a [good anchor](#an-example),",    // 17
        "a [bad one](#no-such-heading) and [another note](README.md#the-mutants).");
    List<Problem> problems = checker.check("example.md", note, notes);
    List<String> where = problems.stream().map(p -> p.line() + " " + p.link()).toList();
    assertEquals(List.of(
        "5 PBFT.tla!NoSuchOperator",
        "6 org.pbft.core.Quorums#noSuchMethod",
        "7 org.pbft.core.NoSuchClass#step",
        "7 NoSuchModule.tla!Init",
        "8 spec/NoSuch.cfg",
        "8 PBFT.tla!minS",
        "9 Quorums#commits",
        "9 PBFT.tla!Agreement Inv",
        "10 PBFT.tla!Agreement Inv",
        "17 no-such-note.md",
        "18 #no-such-heading"), where, problems.toString());
    assertEquals("example.md:5: `PBFT.tla!NoSuchOperator`: spec/PBFT.tla defines no NoSuchOperator"
        + " (no line starting with `NoSuchOperator ==`, no RECURSIVE, CONSTANT or VARIABLE)",
        problems.get(0).toString().replace('\\', '/'));
    assertEquals("org.pbft.core.Quorums declares no method noSuchMethod", problems.get(1).reason());
    assertEquals("no class org.pbft.core.NoSuchClass on the test classpath",
        problems.get(2).reason());
    assertEquals("no module NoSuchModule.tla under spec/", problems.get(3).reason());
    assertEquals("a link must not be broken across lines", problems.get(8).reason());
  }

  /** Every form of top-level definition is found; a LET-bound or indented name is not. */
  @Test
  void definitionsOfEveryFormAreFound() {
    String module = String.join("\n",
        "---- MODULE M ----",
        "CONSTANTS",
        "    N,          \\* replicas",
        "    Op(_, _),   (* an operator constant *)",
        "    L",
        "CONSTANT Single",
        "VARIABLES view, status",
        "VARIABLE",
        "    h",
        "Plain == 1",
        "WithArgs(a, b) == a + b",
        "RECURSIVE Rec(_)",
        "Rec(x) == IF x = 0 THEN 0 ELSE Rec(x - 1)",
        "Outer ==",
        "    LET inner == 1",
        "    IN  inner",
        "  Indented == 2",
        "\\* Commented == 3",
        "====");
    assertEquals(Set.of("N", "Op", "L", "Single", "view", "status", "h", "Plain", "WithArgs", "Rec",
        "Outer"), ProofLinks.definitions(module));
  }

  /** Links to nested classes, test classes and private members, and to mutant modules. */
  @Test
  void linksOfEveryKindResolve() {
    String note = String.join("\n",
        "`org.pbft.quorum.QuorumSystem.Counterexample#describe`,",
        "`org.pbft.core.NormalCase#prePrepareGuard`, `org.pbft.core.Quorums`,",
        "`NoPrePrepare.tla!CommitOnAccept`, `Consensus.tla!decided`, `PBFT.tla!ViewChangeSets`,",
        "`PBFT.tla!N`, `spec/mutants/`, `PBFT.tla!Prepared(r, v, n, d)`.");
    assertEquals(List.of(), checker.check("kinds.md", note, notes));
  }
}
