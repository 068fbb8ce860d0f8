package org.pbft.demo;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.pbft.trace.TraceRecord;
import org.pbft.trace.Validation;

/** What a demo run measured and decided. */
record DemoResult(
    int operations,
    DescriptiveStatistics latencyMillis,
    long finalView,
    long viewChanges,
    long stableCheckpoints,
    long stateTransfers,
    int writesVerified,
    List<String> anomalies,
    List<TraceRecord> validatedEvents,
    int crashes,
    int restarts,
    int restartsFromSnapshots,
    Validation validation,
    double seconds) {

  boolean ok() {
    return anomalies.isEmpty() && validation != null && validation.conforms()
        && viewChanges > 0 && restarts > 0;
  }
}
