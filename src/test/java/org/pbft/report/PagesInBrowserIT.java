package org.pbft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.demo.DemoReportFixture;

/**
 * No label clipped: each kind of page, rendered in a real headless browser, keeps every SVG
 * label inside its chart. The pages come from small fixtures (two mutants' TLC output, a small
 * demo result), not from a run.
 */
class PagesInBrowserIT {
  private static HeadlessBrowser browser;

  @TempDir
  Path dir;

  @BeforeAll
  static void browser() {
    browser = HeadlessBrowser.find();
  }

  private Path counterexample(String log) throws Exception {
    Path cfg = dir.resolve(log.replace(".log", ".cfg"));
    Files.writeString(cfg, "CONSTANTS\n    Byz = {0}\n");
    return CounterexamplePage.writeFor(dir, cfg, "a mutant", "AgreementInv",
        TlcErrorTraceTest.fixture(log), "spec/mutants/x.cfg", "target/tlc/x.log");
  }

  private static void assertNoneClipped(HeadlessBrowser.LabelCheck check, int atLeast) {
    assertEquals(List.of(), check.clipped(), "labels outside their chart");
    assertTrue(check.labels() >= atLeast, "only " + check.labels() + " labels measured");
  }

  @Test
  void counterexamplePagesClipNoLabel() throws Exception {
    // Lane titles, 11 step numbers, an event and messages per step.
    assertNoneClipped(browser.checkLabels(counterexample("NoPrePrepare.log")), 4 + 11 + 11);
    assertNoneClipped(browser.checkLabels(counterexample("NewViewIgnoresPrepared.log")),
        4 + 15 + 15);
  }

  @Test
  void theDemoReportClipsNoLabel() throws Exception {
    Path report = DemoReportFixture.write(dir.resolve("demo"));
    // Two charts: the run (4 lane titles, 24 rows) and latency over time.
    assertNoneClipped(browser.checkLabels(report), 4 + 24 + 5);
  }

  @Test
  void aClippedLabelIsFound() throws Exception {
    // The same page with its chart 120 px narrower than its labels need: the right-most
    // replica's labels are cut off, as they were in the first demo report.
    Path page = counterexample("NoPrePrepare.log");
    String html = Files.readString(page);
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("class=\"chart\" id=\"msc\" width=\"(\\d+)\" height=\"(\\d+)\" "
            + "viewBox=\"0 0 \\d+ \\d+\"").matcher(html);
    assertTrue(m.find(), "the page's chart");
    int narrower = Integer.parseInt(m.group(1)) - 120;
    Path cut = dir.resolve("cut.html");
    Files.writeString(cut, html.substring(0, m.start()) + "class=\"chart\" id=\"msc\" width=\""
        + narrower + "\" height=\"" + m.group(2) + "\" viewBox=\"0 0 " + narrower + " "
        + m.group(2) + "\"" + html.substring(m.end()));
    HeadlessBrowser.LabelCheck check = browser.checkLabels(cut);
    assertTrue(check.clipped().contains("msc: replica 3"), check.clipped().toString());
  }
}
