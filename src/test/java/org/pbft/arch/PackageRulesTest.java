package org.pbft.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the design relies on, checked on the compiled classes: the protocol core is
 * deterministic and free of I/O, and the replica process does not depend on the simulator.
 */
class PackageRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.pbft");
  }

  @Test
  void coreReadsNoClockRandomSourceOrSocket() {
    ArchRule rule = noClasses().that().resideInAPackage("org.pbft.core..")
        .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
            "java.nio.file..", "java.util.concurrent..", "java.time..", "org.pbft.node..",
            "org.pbft.net..", "org.pbft.wire..", "org.pbft.sim..", "org.pbft.storage..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccessFile).*")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime");
    rule.check(classes);
  }

  @Test
  void replicaProcessDoesNotDependOnTheSimulator() {
    doesNotDependOnTheSimulator("org.pbft.node..", "org.pbft.net..", "org.pbft.wire..",
        "org.pbft.storage..", "org.pbft.trace..").check(classes);
  }

  /** The rule can fail: the command line does run the simulator. */
  @Test
  void theRuleCatchesADependency() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> doesNotDependOnTheSimulator("org.pbft.cli..").check(classes));
    assertTrue(e.getMessage().contains("org.pbft.sim"), e.getMessage());
  }

  private static ArchRule doesNotDependOnTheSimulator(String... packages) {
    return noClasses().that().resideInAnyPackage(packages)
        .should().dependOnClassesThat().resideInAPackage("org.pbft.sim..");
  }
}
