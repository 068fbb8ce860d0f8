package org.pbft.node;

import java.net.ServerSocket;
import java.util.Random;

/** Loopback ports for test clusters that start replicas in this JVM. */
public final class FreePorts {
  private FreePorts() {}

  /** A base port such that it and the three above it are free now (4 replicas). */
  public static int base() {
    for (int base = 20_000 + new Random().nextInt(20_000); ; base += 10) {
      if (free(base) && free(base + 1) && free(base + 2) && free(base + 3)) {
        return base;
      }
    }
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
