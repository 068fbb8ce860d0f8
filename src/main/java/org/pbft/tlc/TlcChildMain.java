package org.pbft.tlc;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Entry point of the child JVM that runs TLC: starts TLC unchanged and, beside it, reports progress
 * on stderr every few seconds.
 *
 * <p>TLC itself prints progress only once a minute, too rarely for a person waiting on a run of a
 * few minutes. It does publish live counters as the MBean {@code tlc2.tool:type=ModelChecker}, so
 * this class polls that bean and prints {@value #PREFIX} lines that {@link TlcOutputParser} reads.
 *
 * <p>This class is copied on its own onto the child's classpath (see {@link TlcClasspath}), so it
 * must use nothing but the JDK and TLC, and must not have nested or anonymous classes.
 */
public final class TlcChildMain implements Runnable {
  /** Start of a progress line: {@code @pbft-progress <generated> <distinct> <queue>}. */
  public static final String PREFIX = "@pbft-progress";
  /** System property of the child JVM: milliseconds between progress lines. */
  public static final String INTERVAL_PROPERTY = "pbft.progressMillis";

  private static final String BEAN = "tlc2.tool:type=ModelChecker";

  private final long intervalMillis;

  private TlcChildMain(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  public static void main(String[] args) throws Exception {
    long interval = Long.getLong(INTERVAL_PROPERTY, 0L);
    if (interval > 0) {
      Thread reporter = new Thread(new TlcChildMain(interval), "pbft-progress");
      reporter.setDaemon(true);
      reporter.start();
    }
    tlc2.TLC.main(args); // exits the JVM with TLC's status
  }

  @Override
  public void run() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName bean = new ObjectName(BEAN);
      while (true) {
        Thread.sleep(intervalMillis);
        if (server.isRegistered(bean)) {
          Object generated = server.getAttribute(bean, "StatesGenerated");
          Object distinct = server.getAttribute(bean, "DistinctStatesGenerated");
          Object queue = server.getAttribute(bean, "StateQueueSize");
          System.err.println(PREFIX + " " + generated + " " + distinct + " " + queue);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Progress is a convenience: a failure here must never disturb the model check.
      System.err.println(PREFIX + "-unavailable " + e);
    }
  }
}
