package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeLogTest {
  @Test
  void timesAreWrittenAsTheFormatterWritesThem() {
    DateTimeFormatter formatter = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    Random random = new Random(3);
    for (int i = 0; i < 1000; i++) {
      LocalTime t = LocalTime.ofNanoOfDay((long) (random.nextDouble() * 86_400e9));
      assertEquals(t.format(formatter), NodeLog.time(t));
    }
    assertEquals("00:00:00.000", NodeLog.time(LocalTime.MIDNIGHT));
    assertEquals("23:59:59.999", NodeLog.time(LocalTime.MAX));
  }
}
