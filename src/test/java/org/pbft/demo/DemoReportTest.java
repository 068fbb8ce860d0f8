package org.pbft.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoReportTest {
  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void everyEventIsARowWithWhatTheFiltersNeed() {
    String html = DemoReport.html(DemoReportFixture.result());
    int events = DemoReportFixture.events().size();
    assertEquals(events, count(html, "<g class=\"row\" id=\"ev-"), "one row per event");
    assertEquals(events + 1, count(html, "<g class=\"row\""), "and one for the crash");
    assertTrue(html.contains("id=\"f-view\""));
    assertTrue(html.contains("<option>1</option>"));
    assertTrue(html.contains("id=\"f-seq\""));
    assertEquals(4, count(html, "class=\"f-replica\""));
  }

  @Test
  void theEquivocationIsMarkedWhereTheReceiversAcceptedDifferentPrePrepares() {
    DemoRunChart chart = new DemoRunChart(DemoReportFixture.events(), 4, 0);
    assertEquals(1, chart.equivocations().size());
    DemoRunChart.Equivocation q = chart.equivocations().get(0);
    assertEquals(0, q.view());
    assertEquals(2, q.seq());
    assertEquals(2, q.byDigest().size());
    String html = DemoReport.html(DemoReportFixture.result());
    assertEquals(3, count(html, "data-mark=\"equivocation\""), "the three receivers of (0, 2)");
    assertEquals(3, count(html, "<line class=\"arrow equivocation\""));
    assertTrue(html.contains("aa11aa11aa11: [1]; bb22bb22bb22: [2, 3]"), html);
    // The other PRE-PREPAREs of the Byzantine primary are drawn dashed; view 1's from replica 1.
    assertEquals(3, count(html, "<line class=\"arrow implied\""));
  }

  @Test
  void noEquivocationIsSaidPlainly() {
    DemoRunChart chart = new DemoRunChart(DemoReportFixture.events().subList(0, 9), 4, 0);
    assertEquals(0, chart.equivocations().size());
    assertTrue(chart.equivocationText(java.util.Map.of()).contains("no two receivers accepted"));
  }

  @Test
  void theCrashAndTheRestartAreOnTheLifeline() {
    String html = DemoReport.html(DemoReportFixture.result());
    assertEquals(1, count(html, "data-mark=\"crash\""));
    assertEquals(1, count(html, "data-mark=\"restart\""));
    assertTrue(html.contains("<path class=\"crash\""));
    // Backup 3 crashed after its ReceivePrePrepare of (0, 2) (event 11) and is down until its
    // Restart: events 12 to 15 (StartViewChange twice, SendNewView, ReceiveNewView).
    assertEquals(4, count(html, "<rect class=\"down\""));
  }

  @Test
  void latencyAndThroughputAreDrawnOverTime() {
    String html = DemoReport.html(DemoReportFixture.result());
    assertTrue(html.contains("id=\"time\""));
    assertEquals(40, count(html, "<circle cx=\"[0-9.]+\" cy=\"[0-9.]+\" r=\"1.8\""));
    assertTrue(html.contains("1 replica 3 killed (3.1 s); 2 replica 3 restarted (4.9 s)"), html);
  }
}
