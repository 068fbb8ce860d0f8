package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JvmThreadsCpuTest {
  // A thread's /proc stat line; the name holds a space and a parenthesis, as names may.
  private static final String STAT = "4711 (C2 Compiler)x) S 1 2 3 0 -1 4194304 99 0 0 0 "
      + "1234 56 0 0 20 0 1 0 6446957 3133440 362";

  @Test
  void theTicksAreUserPlusSystemTimeAfterTheName() {
    assertEquals(1234 + 56, JvmThreadsCpu.ticks(STAT));
    // fields after the name may be separated by more than one space
    assertEquals(7 + 8, JvmThreadsCpu.ticks("1 (a) b) S  1 2 3 0 -1 4 99 0 0 0 7 8 0"));
  }

  @Test
  void compilerAndCollectorThreadsAreToldFromTheRest() {
    assertEquals(JvmThreadsCpu.Kind.COMPILER, JvmThreadsCpu.kind("C2 CompilerThre"));
    assertEquals(JvmThreadsCpu.Kind.COMPILER, JvmThreadsCpu.kind("C1 CompilerThre"));
    assertEquals(JvmThreadsCpu.Kind.GC, JvmThreadsCpu.kind("GC Thread#1"));
    assertEquals(JvmThreadsCpu.Kind.GC, JvmThreadsCpu.kind("G1 Conc#0"));
    assertEquals(JvmThreadsCpu.Kind.OTHER, JvmThreadsCpu.kind("replica-0-event"));
    assertEquals(JvmThreadsCpu.Kind.OTHER, JvmThreadsCpu.kind("C2-to-r1-writer"));
  }

  @Test
  void onLinuxThisJvmHasSpentCompilerTimeBeforeItsTestsRan() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc: not Linux");
    JvmThreadsCpu cpu = JvmThreadsCpu.ofThisProcess();
    // Loading JUnit and the classes under test took the JIT far more than one 10 ms tick.
    assertTrue(cpu.compilerNanos() >= 10_000_000L, cpu.toString());
  }

  @Test
  void aSamplerThatKnowsTheThreadsAgreesWithAFreshLookAndNeverGoesBack() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc: not Linux");
    JvmThreadsCpu.Sampler sampler = new JvmThreadsCpu.Sampler();
    JvmThreadsCpu first = sampler.sample();
    JvmThreadsCpu again = sampler.sample(); // from the kinds it learned the first time
    JvmThreadsCpu fresh = JvmThreadsCpu.ofThisProcess();
    assertTrue(first.compilerNanos() >= 10_000_000L, first.toString());
    assertTrue(again.compilerNanos() >= first.compilerNanos(), first + " then " + again);
    assertTrue(again.gcNanos() >= first.gcNanos(), first + " then " + again);
    assertTrue(fresh.compilerNanos() >= again.compilerNanos(), again + " then " + fresh);
  }
}
