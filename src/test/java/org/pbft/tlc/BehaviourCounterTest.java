package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BehaviourCounterTest {
  @TempDir
  Path dir;

  private static String behaviour(String... states) {
    StringBuilder b = new StringBuilder("---------------- MODULE b_0_0 -----------------\n");
    for (int i = 0; i < states.length; i++) {
      b.append("STATE_").append(i + 1).append(" == \n").append(states[i]).append("\n\n");
    }
    return b.append("=================================================\n").toString();
  }

  @Test
  void statesSharedByBehavioursCountOnceAndFilesAreRemoved() throws Exception {
    // x = 1 ends one behaviour and is in the middle of the other: the end marker is no part of it
    Files.writeString(dir.resolve("b_0_0"), behaviour("/\\ x = 0", "/\\ x = 1"));
    Files.writeString(dir.resolve("b_1_0"), behaviour("/\\ x = 0", "/\\ x = 1", "/\\ x = {1,\n  2}"));
    BehaviourCounter counter = new BehaviourCounter(dir);
    counter.collect(false);
    assertEquals(2, counter.behaviours());
    assertEquals(3, counter.distinctStates());
    assertFalse(Files.exists(dir.resolve("b_0_0")));
  }

  @Test
  void aBehaviourStillBeingWrittenWaitsUnlessAllAreTaken() throws Exception {
    Files.writeString(dir.resolve("b_0_0"), "---- MODULE b_0_0 ----\nSTATE_1 == \n/\\ x = 0\n");
    BehaviourCounter counter = new BehaviourCounter(dir);
    counter.collect(false);
    assertEquals(0, counter.behaviours());
    assertTrue(Files.exists(dir.resolve("b_0_0")));
    counter.collect(true);
    assertEquals(1, counter.behaviours());
    assertEquals(1, counter.distinctStates());
  }
}
