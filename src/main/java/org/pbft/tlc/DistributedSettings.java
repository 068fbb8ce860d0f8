package org.pbft.tlc;

/**
 * How to run TLC's own distributed mode: a {@code tlc2.tool.distributed.TLCServer} that holds the
 * state queue and the fingerprints, and {@code TLCWorker}s, on this or other hosts, that compute
 * successor states. Server and workers talk Java RMI.
 *
 * @param host the name or address under which workers reach the server; also what the server's
 *     RMI stubs carry ({@code java.rmi.server.hostname}), so it must resolve on the workers' hosts
 * @param port the RMI registry port of the server (TLC's default is {@value #DEFAULT_PORT})
 * @param localWorkers worker processes to start on this machine beside the server (0: only
 *     workers attached by hand from other hosts)
 * @param workerThreads threads of each local worker
 */
public record DistributedSettings(String host, int port, int localWorkers, int workerThreads) {
  /** TLC 2.18's default registry port ({@code TLCServer.Port}). */
  public static final int DEFAULT_PORT = 10997;
  /** The system property, read by server and worker alike, that sets the registry port. */
  public static final String PORT_PROPERTY = "tlc2.tool.distributed.TLCServer.port";
  /** The system property that sets a worker's number of threads. */
  public static final String THREADS_PROPERTY = "tlc2.tool.distributed.TLCWorker.threadCount";
  static final String SERVER_CLASS = "tlc2.tool.distributed.TLCServer";
  static final String WORKER_CLASS = "tlc2.tool.distributed.TLCWorker";

  public DistributedSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the server's host name must not be empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 1..65535, not " + port);
    }
    if (localWorkers < 0) {
      throw new IllegalArgumentException("local workers must not be negative: " + localWorkers);
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("worker threads must be at least 1: " + workerThreads);
    }
  }
}
