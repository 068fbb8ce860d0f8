package org.pbft.core.message;

import java.util.Arrays;

/**
 * The state of replica i at its checkpoint {@code seq}, in answer to FETCH-STATE. The receiver
 * trusts it only if its digest is the one 2f+1 CHECKPOINTs certify.
 */
public record StateSnapshot(long seq, byte[] state, int replica) implements Message {

  public StateSnapshot {
    state = state.clone();
  }

  @Override
  public byte[] state() {
    return state.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateSnapshot s
        && seq == s.seq
        && replica == s.replica
        && Arrays.equals(state, s.state);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(seq) * 31 + replica) * 31 + Arrays.hashCode(state);
  }

  @Override
  public String toString() {
    return "StateSnapshot[n=" + seq + ", i=" + replica + ", " + state.length + " bytes]";
  }
}
