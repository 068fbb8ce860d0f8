package org.pbft.node;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * An attacker on the transport: every {@code periodMillis} it opens {@code perRound} connections
 * to each target that send two bytes of a frame's length and then nothing, more than a replica
 * accepts, and keeps them open. A replica must close them (frame deadline), refuse them or evict
 * them at its connection cap, and keep serving its peers and clients all the while.
 */
public final class StalledConnections implements AutoCloseable {
  private final List<InetSocketAddress> targets;
  private final int perRound;
  private final long periodMillis;
  private final List<Socket> open = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int opened;

  public StalledConnections(List<InetSocketAddress> targets, int perRound, long periodMillis) {
    this.targets = List.copyOf(targets);
    this.perRound = perRound;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::attack, "stalled-connections");
    thread.setDaemon(true);
    thread.start();
  }

  private void attack() {
    while (running) {
      for (InetSocketAddress target : targets) {
        for (int k = 0; k < perRound && running; k++) {
          stall(target);
        }
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void stall(InetSocketAddress target) {
    try {
      Socket s = new Socket();
      s.connect(target, 1_000);
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {0, 0});
      out.flush();
      synchronized (open) {
        open.add(s);
        opened++;
      }
    } catch (IOException e) {
      // refused or reset at the replica's cap: what the cap is for
    }
  }

  /** Connections that were accepted and sent their two bytes. */
  public int opened() {
    synchronized (open) {
      return opened;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
    synchronized (open) {
      for (Socket s : open) {
        try {
          s.close();
        } catch (IOException e) {
          // closing an attacker's socket: nothing to report
        }
      }
      open.clear();
    }
  }
}
