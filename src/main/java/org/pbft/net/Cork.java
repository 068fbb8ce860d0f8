package org.pbft.net;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Per thread, as TCP_CORK is per socket: while a thread is corked, the frames it sends wait in
 * their connections' queues, and when it uncorks each connection it sent on writes them in one
 * gathering write. A replica corks while it carries out a group of steps, so that the replies of
 * a batch to the sessions of one client node, or a PREPARE and a COMMIT to one peer, leave in one
 * system call and one TCP segment rather than one each.
 *
 * <p>A connection's own thread is corked all along and writes what it deferred before each time
 * it reads from the socket, that is once per burst of frames that arrived together, and before it
 * waits for anything: what a frame's handler sends waits for at most the other frames of its
 * burst.
 */
public final class Cork {
  private static final ThreadLocal<Cork> CURRENT = new ThreadLocal<>();

  private final Set<Connection> deferred = new LinkedHashSet<>();
  private int depth;

  private Cork() {}

  /** Corks the calling thread; nests, each call matched by an {@link #uncork}. */
  public static void cork() {
    Cork c = CURRENT.get();
    if (c == null) {
      c = new Cork();
      CURRENT.set(c);
    }
    c.depth++;
  }

  /** Undoes one {@link #cork}: at the outermost, writes what the thread deferred. */
  public static void uncork() {
    Cork c = CURRENT.get();
    if (c == null || c.depth == 0) {
      throw new IllegalStateException("uncork without a cork on " + Thread.currentThread());
    }
    if (--c.depth == 0) {
      c.flushAll();
    }
  }

  /** True, and remembered, if the calling thread is corked: {@code c} is written at uncork. */
  static boolean defer(Connection c) {
    Cork k = CURRENT.get();
    if (k == null || k.depth == 0) {
      return false;
    }
    k.deferred.add(c);
    return true;
  }

  /** Writes what the calling thread deferred so far and stays corked: before it waits. */
  static void writeDeferred() {
    Cork k = CURRENT.get();
    if (k != null) {
      k.flushAll();
    }
  }

  private void flushAll() {
    if (deferred.isEmpty()) {
      return;
    }
    for (Connection c : deferred) {
      c.flush();
    }
    deferred.clear();
  }
}
