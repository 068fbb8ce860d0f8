package org.pbft.demo;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.pbft.node.GroupCheck;
import org.pbft.trace.TraceRecord;
import org.pbft.trace.Validation;

/**
 * What a demo run measured and decided.
 *
 * @param completions every client operation, in the order it completed
 * @param moments what the demo did to the cluster and when (kills, restarts)
 * @param conflictingIgnored per replica, the PRE-PREPAREs its core ignored because it had
 *     accepted another one for the same view and sequence number, as its log's last orderly
 *     stop reports them (a killed process reports nothing)
 * @param group whether every correct replica ended in the group: one view, working in it, within
 *     a checkpoint interval of the furthest execution (from the traces)
 */
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
    double seconds,
    List<Sample> completions,
    List<Moment> moments,
    Map<Integer, Integer> conflictingIgnored,
    GroupCheck.Verdict group) {

  /** One completed operation: seconds since the demo started, its latency, its view. */
  record Sample(double seconds, double latencyMillis, long view) {}

  /** Something the demo did, seconds since it started. */
  record Moment(double seconds, String what) {}

  DemoResult {
    completions = List.copyOf(completions);
    moments = List.copyOf(moments);
    conflictingIgnored = Map.copyOf(conflictingIgnored);
  }

  boolean ok() {
    return anomalies.isEmpty() && validation != null && validation.conforms()
        && viewChanges > 0 && restarts > 0 && group.whole();
  }
}
