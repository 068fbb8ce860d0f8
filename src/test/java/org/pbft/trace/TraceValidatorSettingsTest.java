package org.pbft.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.tlc.TlcRunSettings;

/** Trace validation runs TLC with a large thread stack: long traces overflow the default one. */
class TraceValidatorSettingsTest {

  @Test
  void aLargeStackIsAddedToTheChildJvm() {
    TlcRunSettings s = TraceValidator.withTraceStack(TlcRunSettings.defaults());
    assertEquals(List.of(TraceValidator.TRACE_STACK), s.jvmOptions());
  }

  @Test
  void aStackTheCallerGaveIsKept() {
    TlcRunSettings given = TlcRunSettings.defaults().withJvmOptions(List.of("-Xss1g", "-Dx=y"));
    assertEquals(List.of("-Xss1g", "-Dx=y"), TraceValidator.withTraceStack(given).jvmOptions());
  }
}
