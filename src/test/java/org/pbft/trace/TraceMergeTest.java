package org.pbft.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.SpecAction;

/** Merging per-replica traces: by step, file order kept, ties by replica, one file a replica. */
class TraceMergeTest {

  private static TraceRecord e(int replica, int line, long step, SpecAction a) {
    return new TraceRecord(Path.of("replica-" + replica + ".ndjson"), line, step, -1, replica, a,
        0, 1, TraceReaderTest.D);
  }

  @Test
  void everyReceiveComesAfterItsSendAndFileOrderIsKept() throws Exception {
    List<TraceRecord> primary = List.of(e(0, 1, 1, SpecAction.SendPrePrepare),
        e(0, 2, 7, SpecAction.SendCommit), e(0, 3, 7, SpecAction.Execute));
    List<TraceRecord> backup = List.of(e(1, 1, 3, SpecAction.ReceivePrePrepare),
        e(1, 2, 3, SpecAction.SendCommit), e(1, 3, 9, SpecAction.Execute));
    List<TraceRecord> merged = TraceMerge.merge(List.of(backup, primary));
    assertEquals(List.of(SpecAction.SendPrePrepare, SpecAction.ReceivePrePrepare,
        SpecAction.SendCommit, SpecAction.SendCommit, SpecAction.Execute, SpecAction.Execute),
        merged.stream().map(TraceRecord::action).toList());
    assertEquals(List.of(0, 1, 1, 0, 0, 1), merged.stream().map(TraceRecord::replica).toList());
  }

  @Test
  void concurrentEventsAreOrderedByReplica() throws Exception {
    List<TraceRecord> merged = TraceMerge.merge(List.of(List.of(e(2, 1, 5, SpecAction.Execute)),
        List.of(e(1, 1, 5, SpecAction.Execute))));
    assertEquals(List.of(1, 2), merged.stream().map(TraceRecord::replica).toList());
  }

  @Test
  void twoFilesOfOneReplicaAreRejected() {
    TraceFormatException ex = assertThrows(TraceFormatException.class,
        () -> TraceMerge.merge(List.of(List.of(e(1, 1, 5, SpecAction.Execute)),
            List.of(e(1, 1, 6, SpecAction.Execute)))));
    assertTrue(ex.getMessage().contains("give one file per replica"), ex.getMessage());
  }
}
