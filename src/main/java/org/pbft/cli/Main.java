package org.pbft.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code pbft} command: dispatches to one subcommand per job. */
@Command(
    name = "pbft",
    mixinStandardHelpOptions = true,
    version = "pbft 0.1.0",
    description = "PBFT with a TLA+ specification checked by TLC.",
    subcommands = {DemoCommand.class, CheckCommand.class, SimulateCommand.class,
        ValidateCommand.class, ClusterCommand.class, ReplicaCommand.class, ClientCommand.class,
        KeygenCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every check met its expectation",
        "1:a check did not",
        "2:usage error (unknown option or file, malformed model header)"})
public final class Main implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }
}
