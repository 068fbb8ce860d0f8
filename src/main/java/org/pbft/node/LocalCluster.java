package org.pbft.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Replica processes on this machine, one JVM each, started with this JVM's class path: what
 * {@code pbft cluster} and {@code pbft demo} run. Each process's output goes to {@code
 * logs/replica-<i>.log} under the run directory, or to this process's console.
 */
public final class LocalCluster implements AutoCloseable {
  private final Path configDir;
  private final Path logDir;
  private final boolean inheritOutput;
  private final Map<Integer, Process> processes = new TreeMap<>();

  /** {@code logDir} null: children write to this process's console. */
  public LocalCluster(Path configDir, Path logDir) {
    this.configDir = configDir;
    this.logDir = logDir;
    this.inheritOutput = logDir == null;
  }

  /** Starts replica {@code id} with {@code extraArgs} (for example --trace, --byzantine). */
  public void start(int id, List<String> extraArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xss4m");
    command.add("-ea:org.pbft..."); // a failed assertion in the core stops the replica
    // Extra JVM options for every replica, for example a profiler: PBFT_REPLICA_JAVA_OPTS.
    String extra = System.getenv("PBFT_REPLICA_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.pbft.cli.Main");
    command.add("replica");
    command.add("--config");
    command.add(configDir.toString());
    command.add("--id");
    command.add(Integer.toString(id));
    command.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (inheritOutput) {
      builder.inheritIO();
    } else {
      Files.createDirectories(logDir);
      Path log = logDir.resolve("replica-" + id + ".log");
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }
    processes.put(id, builder.start());
  }

  /**
   * Waits until a replica process accepts connections on {@code address} (a JVM takes a while to
   * start, longer on a loaded machine); fails after 60 s, pointing at the replica's log.
   */
  public static void awaitListening(InetSocketAddress address)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(address, 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("no replica listens on " + address + " after 60 s; see its log");
        }
        Thread.sleep(50);
      }
    }
  }

  /** SIGKILL: the process gets no chance to flush or say goodbye (a crash). */
  public void kill(int id) throws InterruptedException {
    Process p = processes.remove(id);
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The operating system's process id of replica {@code id}, or -1 if it is not running. */
  public long pid(int id) {
    Process p = processes.get(id);
    return p != null && p.isAlive() ? p.pid() : -1;
  }

  /** True while replica {@code id}'s process runs. */
  public boolean alive(int id) {
    Process p = processes.get(id);
    return p != null && p.isAlive();
  }

  /** Replicas whose process exited on its own, with the exit code. */
  public Map<Integer, Integer> exited() {
    Map<Integer, Integer> out = new TreeMap<>();
    processes.forEach((id, p) -> {
      if (!p.isAlive()) {
        out.put(id, p.exitValue());
      }
    });
    return out;
  }

  /** SIGTERM to every replica (they close their traces), then SIGKILL to any still running. */
  @Override
  public void close() {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }
}
