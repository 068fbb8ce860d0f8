package org.pbft.config;

/**
 * A process of the cluster: replica i or client c. Client c's requests carry {@code clientId}
 * c. Printed as in file names and logs: "replica-0", "client-3".
 */
public record NodeId(Kind kind, int index) {

  public enum Kind {
    REPLICA,
    CLIENT;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public NodeId {
    if (kind == null) {
      throw new IllegalArgumentException("a node id needs a kind");
    }
    if (index < 0) {
      throw new IllegalArgumentException("a node index is >= 0, got " + index);
    }
  }

  public static NodeId replica(int index) {
    return new NodeId(Kind.REPLICA, index);
  }

  public static NodeId client(int index) {
    return new NodeId(Kind.CLIENT, index);
  }

  public boolean isReplica() {
    return kind == Kind.REPLICA;
  }

  public boolean isClient() {
    return kind == Kind.CLIENT;
  }

  /** Reads the form {@link #toString} writes. */
  public static NodeId parse(String text) {
    for (Kind k : Kind.values()) {
      String prefix = k.label() + "-";
      if (text.startsWith(prefix)) {
        String digits = text.substring(prefix.length());
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)
            && digits.length() <= 9) {
          return new NodeId(k, Integer.parseInt(digits));
        }
      }
    }
    throw new IllegalArgumentException(
        "not a node id (expected replica-<i> or client-<c>): '" + text + "'");
  }

  @Override
  public String toString() {
    return kind.label() + "-" + index;
  }
}
