package org.pbft.service;

import java.util.Optional;

/**
 * The state machine that PBFT replicates. Every correct replica runs the same operations in the
 * same order, so {@link #execute} must be deterministic: no clocks, randomness or I/O, and the
 * result and the new state depend only on the state and the operation.
 */
public interface Service {

  /** Runs one operation and returns its result. Malformed operations must fail the same way at
   * every replica, so they return an error result rather than throw. */
  byte[] execute(byte[] operation);

  /**
   * Runs {@code operation} without changing the state, for a read-only request (Castro and
   * Liskov, section 5.1): its result, or empty when the operation would change the state (the
   * client then sends it again as an ordered request). Deterministic as {@link #execute}: given
   * the same state, it returns what {@link #execute} would. By default a service executes
   * nothing read-only.
   */
  default Optional<byte[]> executeReadOnly(byte[] operation) {
    return Optional.empty();
  }

  /**
   * The whole state, canonically encoded: equal states give equal bytes. A CHECKPOINT's digest is
   * of this together with the client table ({@code org.pbft.core.CheckpointState}).
   */
  byte[] snapshot();

  /** Replaces the state with one from {@link #snapshot} (state transfer). */
  void restore(byte[] snapshot);
}
