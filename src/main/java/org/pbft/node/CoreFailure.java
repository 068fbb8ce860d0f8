package org.pbft.node;

/**
 * The protocol core threw while stepping on an input: a failed assertion or a bug. The replica
 * stops (fail-stop) instead of serving from a state it cannot vouch for.
 */
final class CoreFailure extends RuntimeException {
  CoreFailure(String input, Throwable cause) {
    super("the protocol core failed while handling " + input + ": " + cause
        + "; the replica stops rather than serve from a state it cannot vouch for (this is a "
        + "bug: report it with this log and the data directory)", cause);
  }
}
