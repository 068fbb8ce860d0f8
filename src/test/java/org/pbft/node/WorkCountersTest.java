package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkCountersTest {
  private static WorkCounters at(long millis, long requests) {
    return new WorkCounters(millis, requests, requests / 8, requests / 16, requests / 4,
        requests * 3, requests * 2, requests * 2, requests * 200, requests * 180, requests / 10,
        requests * 1_000_000, requests * 250_000, requests * 50_000);
  }

  @Test
  void aLineReadsBackAsTheSameCounters() {
    WorkCounters c = at(1234, 160);
    assertEquals(c, WorkCounters.parse(c.toLine()));
  }

  @Test
  void aLineWithoutAFieldOrWithGarbageIsRefusedWithItsName() {
    String line = at(1, 16).toLine();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WorkCounters.parse(line.replaceAll("syncs=\\d+ ", "")));
    assertTrue(e.getMessage().contains("syncs"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WorkCounters.parse("millis=x"));
  }

  @Test
  void perRequestDividesTheWorkOfTheIntervalByTheRequestsAnsweredInIt() {
    WorkCounters work = at(2000, 480).minus(at(1000, 160)); // 320 requests, 40 batches
    // Two replicas over the same interval: each answered the 320 requests.
    String line = work.plus(work).perRequest();
    assertTrue(line.startsWith("batch 8.0 requests"), line);
    assertTrue(line.contains("3.00 MACs"), line);
    assertTrue(line.contains("1.000 ms CPU (0.250 of it JIT compiling, 0.050 GC)"), line);
    assertEquals("no request answered", at(5, 0).perRequest());
  }

  @Test
  void theSampleAtAnInstantIsTheLastOneTakenByThen(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("replica-0.counters");
    Files.writeString(file, at(100, 1).toLine() + "\n" + at(300, 2).toLine() + "\n"
        + at(500, 3).toLine() + "\nmillis=600 requ"); // torn last line
    List<WorkCounters> samples = CountersFile.read(file);
    assertEquals(3, samples.size());
    assertEquals(2, CountersFile.at(samples, 499).requests());
    assertEquals(3, CountersFile.at(samples, 500).requests());
    assertEquals(1, CountersFile.at(samples, 50).requests(), "before any: the first");
  }
}
