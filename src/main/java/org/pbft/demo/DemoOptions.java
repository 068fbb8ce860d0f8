package org.pbft.demo;

import java.nio.file.Path;

/**
 * @param out run directory (configuration, logs, traces, report)
 * @param basePort replica i listens on 127.0.0.1:basePort+i
 * @param opsPerPhase client operations in each of the three phases
 * @param root the repository root (for the spec that validates the traces)
 */
public record DemoOptions(Path out, int basePort, int opsPerPhase, Path root) {}
