package org.pbft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterexamplePageTest {
  @TempDir
  Path dir;

  private Path write(String log, String cfg) throws Exception {
    Path cfgFile = dir.resolve(log.replace(".log", ".cfg"));
    Files.writeString(cfgFile, cfg);
    return CounterexamplePage.writeFor(dir.resolve("check"), cfgFile, "a title", "AgreementInv",
        TlcErrorTraceTest.fixture(log), "spec/x.cfg", "target/tlc/x.log");
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void drawsEachStepWithTheMessagesItAddedAndEveryState() throws Exception {
    Path page = write("NoPrePrepare.log", "CONSTANTS\n    N = 4\n    Byz = {0}\n");
    assertEquals("NoPrePrepare-counterexample.html", page.getFileName().toString());
    String html = Files.readString(page);
    assertEquals(11, count(html, "<g class=\"row\""), "one row per state");
    assertEquals(11, count(html, "<details id=\"state-"), "one state table per state");
    // Steps 2-5 each add a PREPARE of a backup (3 arrows) accepted from the faulty primary (1
    // dashed arrow); steps 6-9 add a COMMIT (3 arrows); steps 10 and 11 execute.
    assertEquals(4, count(html, "class=\"arrow implied\""));
    assertEquals(4 * 3 + 4 * 3, count(html, "class=\"arrow \""));
    assertTrue(html.contains("replica 0 (faulty)"));
    assertTrue(html.contains("PREPARE v=0 n=1 d=r2"));
    assertTrue(html.contains("AgreementInv violated"));
    assertFalse(Pattern.compile("src=|<link|@import|href=\"http|url\\(http").matcher(html).find(),
        "self-contained: nothing fetched");
    assertTrue(html.contains("class=\"changed\""), "changed variables are marked");
  }

  @Test
  void aViewChangeShowsItsViewChangeAndNewViewMessages() throws Exception {
    String html = Files.readString(write("NewViewIgnoresPrepared.log", "Byz = {0}"));
    assertTrue(html.contains("VIEW-CHANGE v=1 n=0 P={&lt;&lt;0, 1, r1&gt;&gt;}"), html);
    assertTrue(html.contains("NEW-VIEW v=1 minS=0 O={}"), html);
    assertTrue(html.contains("StartViewChange view\u21921 status\u2192&quot;viewchange&quot;"), html);
  }

  @Test
  void aForgetfulRestartShowsWhatTheReplicaForgot() throws Exception {
    String html = Files.readString(write("ForgetfulRestart.log", "Byz = {0}"));
    assertTrue(html.contains("ForgetfulRestart forgets PREPARE v=0 n=1 d=r1"), html);
  }

  @Test
  void aSpecWithoutPbftsVariablesGetsItsStatesOnly() throws Exception {
    Path cfg = dir.resolve("Liveness.cfg");
    Files.writeString(cfg, "PROPERTY P\n");
    Path page = CounterexamplePage.writeFor(dir, cfg, "", "P",
        Path.of("src/test/resources/tlc/output/temporal.out"), "Liveness.cfg", "x.log");
    String html = Files.readString(page);
    assertTrue(html.contains("No chart"), html);
    assertEquals(4, count(html, "<details id=\"state-"));
    assertTrue(html.contains("back to state 1"), html);
  }

  @Test
  void noTraceNoPage() throws Exception {
    Path cfg = dir.resolve("Pass.cfg");
    Files.writeString(cfg, "");
    assertNull(CounterexamplePage.writeFor(dir, cfg, "", "x",
        Path.of("src/test/resources/tlc/output/pass.out"), "", ""));
  }

  @Test
  void faultyReplicasComeFromTheCfg() {
    assertEquals(Set.of(0, 3), CounterexamplePage.faulty("CONSTANTS\n  Byz = {0, 3}\n"));
    assertEquals(Set.of(), CounterexamplePage.faulty("CONSTANTS\n  Byz = {}\n"));
  }
}
