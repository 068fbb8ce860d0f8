package org.pbft.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.pbft.config.ConfigException;
import org.pbft.config.Keygen;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pbft keygen}: generates the configuration and keys of a cluster of processes. */
@Command(
    name = "keygen",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Writes DIR/cluster.properties (replica addresses, every public key) and one private key "
            + "file per node (replica-<i>.key, client-<c>.key, owner read/write only) with "
            + "fresh Ed25519 key pairs and pairwise HMAC-SHA256 keys.",
        "Replica i listens on HOST:BASE_PORT+i."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:keys written", "2:usage error, or the output directory is not empty"})
final class KeygenCommand implements Callable<Integer> {

  @Option(names = "--n", paramLabel = "N", defaultValue = "4",
      description = "Replicas, at least 4 (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--clients", paramLabel = "K", required = true, description = "Clients.")
  int clients;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "Output directory; created if absent, must be empty unless --force.")
  Path out;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Host of every replica (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "7000",
      description = "Port of replica 0 (default: ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--force", description = "Replace the files of a non-empty directory.")
  boolean force;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<Path> written;
    try {
      written = Keygen.generate(
          replicas, clients, host, basePort, out, new SecureRandom(), force);
    } catch (ConfigException e) {
      stderr.println("pbft keygen: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      stderr.println("pbft keygen: cannot write " + out + ": " + e.getMessage());
      return 2;
    }
    stdout.println("cluster of " + replicas + " replicas at " + host + ":" + basePort + ".."
        + (basePort + replicas - 1) + " and " + clients + " clients:");
    written.forEach(file -> stdout.println("wrote " + file));
    return 0;
  }
}
