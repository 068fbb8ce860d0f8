package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every model of spec/ (mutants included) meets the expectation in its .cfg header. Runs in
 * {@code mvn verify}; models run one at a time, each with all cores. {@code -Dpbft.tlc.timeout=S}
 * stops any model that takes longer than S seconds (and fails it).
 */
class SpecModelsIT {
  private static final double PROGRESS_SECONDS = 30;

  @TestFactory
  Stream<DynamicTest> everyModelMeetsItsExpectation() throws IOException {
    Path root = Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")))
        .toAbsolutePath().normalize();
    Path spec = root.resolve("spec");
    List<Path> cfgs = ModelDiscovery.cfgsUnder(spec);
    assertFalse(cfgs.isEmpty(), "no .cfg files under " + spec
        + ": there is no model to check, and an empty check must not pass");
    long timeout = Long.getLong("pbft.tlc.timeout", 0);
    TlcRunSettings settings = TlcRunSettings.defaults().withLibraryPaths(List.of(spec))
        .withTimeout(timeout > 0 ? Duration.ofSeconds(timeout) : null);
    return cfgs.stream().map(cfg -> {
      String shown = root.relativize(cfg).toString();
      return dynamicTest(shown, () -> check(root, cfg, shown, settings));
    });
  }

  private static void check(Path root, Path cfg, String shown, TlcRunSettings settings)
      throws Exception {
    Model model = Model.load(cfg, shown);
    Assumptions.assumeFalse(model.expectation().isLongCheck(),
        shown + " is a long check (" + model.expectation().longCheck() + "); run it by name");
    if (cfg.startsWith(root.resolve("spec").resolve(ModelDiscovery.MUTANTS))) {
      assertEquals(ModelExpectation.Kind.VIOLATION, model.expectation().kind(),
          shown + ": a mutant must expect a violation");
    }
    Path log = root.resolve("target/tlc").resolve(shown.replace('/', '_') + ".log");
    TlcResult r = new TlcRunner(settings.withLogFile(log)
            .withSimulation(model.expectation().simulation()))
        .run(model.cfg(), model.spec(), new Heartbeat(shown));
    Verdict v = Verdict.judge(model.expectation(), r);
    System.out.println((v.ok() ? "PASS " : "FAIL ") + shown + ": " + v.reason());
    assertTrue(v.ok(), () -> shown + ": " + v.reason() + "\n"
        + String.join("\n", r.errorText().stream().limit(60).toList())
        + "\nfull TLC output: " + log);
  }

  /** A line now and then, so that a long model check is visibly alive in the build log. */
  private static final class Heartbeat implements TlcProgressListener {
    private final String model;
    private double lastSeconds;

    Heartbeat(String model) {
      this.model = model;
    }

    @Override
    public synchronized void onProgress(TlcProgress p) {
      if (p.seconds() - lastSeconds >= PROGRESS_SECONDS) {
        lastSeconds = p.seconds();
        System.out.printf("  %s: %s distinct states, queue %s, %s%n", model,
            Numbers.count(p.distinctStates()), Numbers.count(p.queue()),
            Numbers.seconds(p.seconds()));
      }
    }
  }
}
