package org.pbft.core;

/**
 * Every certificate size of the protocol, derived in one place from the number of replicas
 * {@code n} and the number of faults tolerated {@code f}.
 *
 * <p>Spec: PBFT.tla!Quorum, PBFT.tla!WeakQuorum, PBFT.tla!QuorumIntersectionAssumption.
 *
 * <p>The big quorum is the smallest {@code q} such that any two sets of {@code q} replicas share
 * at least {@code f + 1} replicas, hence at least one correct one: {@code 2q - n >= f + 1}. For
 * {@code n = 3f + 1} it is {@code 2f + 1}. A weak certificate of {@code f + 1} contains at least
 * one correct replica.
 */
public record Quorums(int n, int f) {

  public Quorums {
    if (f < 0) {
      throw new IllegalArgumentException("f must be >= 0, got " + f);
    }
    if (n < 3 * f + 1) {
      throw new IllegalArgumentException(
          "n = " + n + " replicas cannot tolerate f = " + f + " Byzantine faults: need n >= 3f+1");
    }
  }

  /** The most faults {@code n} replicas tolerate: {@code floor((n - 1) / 3)}. */
  public static Quorums forReplicas(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    return new Quorums(n, (n - 1) / 3);
  }

  /** Smallest q with 2q - n >= f + 1: two quorums always share a correct replica. */
  public int quorum() {
    return Math.floorDiv(n + f + 1 + 1, 2);
  }

  /** f + 1: at least one member is correct. */
  public int weak() {
    return f + 1;
  }

  /** PREPAREs from distinct backups that, with the PRE-PREPARE, make a replica prepared. */
  public int preparesFromBackups() {
    return quorum() - 1;
  }

  /** Matching COMMITs (own included) for committed-local. */
  public int commits() {
    return quorum();
  }

  /** Matching CHECKPOINTs for a stable checkpoint. */
  public int stableCheckpoint() {
    return quorum();
  }

  /** VIEW-CHANGEs (the new primary's own included) a NEW-VIEW is built from. */
  public int newView() {
    return quorum();
  }

  /** VIEW-CHANGEs for higher views from other replicas that make a replica join. */
  public int joinViewChange() {
    return weak();
  }

  /** Matching replies a client accepts for an ordered request. */
  public int reply() {
    return weak();
  }

  /** Matching replies a client accepts for a read-only request executed without ordering. */
  public int readOnlyReply() {
    return quorum();
  }
}
