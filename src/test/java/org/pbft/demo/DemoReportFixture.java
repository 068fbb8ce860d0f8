package org.pbft.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.pbft.core.SpecAction;
import org.pbft.trace.TraceRecord;
import org.pbft.trace.Validation;

/**
 * A small demo result written as a report, without a demo run: view 0 under the Byzantine
 * primary 0 with one equivocated slot (backup 1 accepted one PRE-PREPARE for (0, 2), backups 2
 * and 3 another), backup 3 killed and restarted, a view change to view 1 with its NEW-VIEW, and
 * a slot of view 1 from the correct primary 1.
 */
public final class DemoReportFixture {
  static final String A = "aa11".repeat(16);
  static final String B = "bb22".repeat(16);
  static final String C = "cc33".repeat(16);

  private DemoReportFixture() {}

  static List<TraceRecord> events() {
    List<TraceRecord> e = new ArrayList<>();
    long[] step = {0};
    java.util.function.BiConsumer<Object[], String> add = (a, d) -> e.add(new TraceRecord(
        Path.of("replica-" + a[0] + ".ndjson"), e.size() + 1, ++step[0], step[0],
        (Integer) a[0], (SpecAction) a[1], (Long) a[2], (Long) a[3], d));
    for (int r = 1; r <= 3; r++) {
      add.accept(new Object[] {r, SpecAction.ReceivePrePrepare, 0L, 1L}, C);
    }
    for (int r = 1; r <= 3; r++) {
      add.accept(new Object[] {r, SpecAction.SendCommit, 0L, 1L}, C);
      add.accept(new Object[] {r, SpecAction.Execute, 0L, 1L}, C);
    }
    add.accept(new Object[] {1, SpecAction.ReceivePrePrepare, 0L, 2L}, A);
    add.accept(new Object[] {2, SpecAction.ReceivePrePrepare, 0L, 2L}, B);
    add.accept(new Object[] {3, SpecAction.ReceivePrePrepare, 0L, 2L}, B);
    add.accept(new Object[] {1, SpecAction.StartViewChange, 1L, -1L}, null);
    add.accept(new Object[] {2, SpecAction.StartViewChange, 1L, -1L}, null);
    add.accept(new Object[] {1, SpecAction.SendNewView, 1L, -1L}, null);
    add.accept(new Object[] {2, SpecAction.ReceiveNewView, 1L, -1L}, null);
    add.accept(new Object[] {3, SpecAction.Restart, 0L, 1L}, null);
    add.accept(new Object[] {3, SpecAction.JoinViewChange, 1L, -1L}, null);
    add.accept(new Object[] {3, SpecAction.ReceiveNewView, 1L, -1L}, null);
    add.accept(new Object[] {1, SpecAction.SendPrePrepare, 1L, 3L}, A);
    add.accept(new Object[] {2, SpecAction.ReceivePrePrepare, 1L, 3L}, A);
    add.accept(new Object[] {3, SpecAction.ReceivePrePrepare, 1L, 3L}, A);
    add.accept(new Object[] {1, SpecAction.StableCheckpoint, -1L, 2L}, C);
    return e;
  }

  static DemoResult result() {
    DescriptiveStatistics latency = new DescriptiveStatistics();
    List<DemoResult.Sample> samples = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double ms = i == 20 ? 4200 : 20 + 3 * (i % 7);
      latency.addValue(ms);
      samples.add(new DemoResult.Sample(0.25 * i, ms, i < 20 ? 0 : 1));
    }
    List<TraceRecord> events = events();
    Validation ok = new Validation(Validation.Verdict.CONFORMS, events.size(), events.size(),
        null, List.of(), 1.5, null);
    return new DemoResult(40, latency, 1, 1, 1, 0, 8, List.of(), events, 1, 1, 0, ok, 10.0,
        samples, List.of(new DemoResult.Moment(3.1, "replica 3 killed"),
            new DemoResult.Moment(4.9, "replica 3 restarted")), Map.of(1, 0, 2, 1, 3, 0),
        org.pbft.node.GroupCheck.check(TracedPositions.of(events), 4));
  }

  /** Writes the fixture's report to {@code dir/report.html}. */
  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("report.html");
    DemoReport.write(file, result());
    return file;
  }
}
