package org.pbft.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pbft.demo.DemoOptions;
import org.pbft.demo.DemoRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pbft demo}: the whole system in one command (see {@link DemoRun}). */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"4 replica processes on loopback with an equivocating primary, a client "
        + "workload, the view change that replaces the primary, backups killed under load and "
        + "restarted from their data directories, all four killed at once and restarted, "
        + "and the replicas' traces validated against the TLA+ spec with TLC.",
        "Writes the configuration, logs, traces and report.html under --out."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every check passed", "1:a check failed (printed)",
        "2:the demo could not run (ports in use, output directory)"})
public final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/demo",
      description = "Run directory, replaced on each run (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "7100",
      description = "Replica i listens on 127.0.0.1:PORT+i (default ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--ops", paramLabel = "N", defaultValue = "100",
      description = "Client operations in each of the three phases (default ${DEFAULT-VALUE}).")
  int ops;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (ops < 1 || basePort < 1 || basePort > 65_000) {
      err.println("pbft demo: --ops must be positive and --base-port in 1..65000");
      return 2;
    }
    Path root = Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")));
    return DemoRun.main(new DemoOptions(out.toAbsolutePath(), basePort, ops, root), o, err);
  }
}
