package org.pbft.bench;

import java.util.Arrays;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH microbenchmarks of this package (see bench/microbench and bench/README.md). The
 * benchmarks live in test sources, so the test classpath must be given: JMH starts the forked
 * JVMs with this JVM's classpath.
 */
public final class RunBenchmarks {
  private RunBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
      System.out.print(BenchmarkArgs.USAGE);
      return;
    }
    BenchmarkArgs parsed;
    try {
      parsed = BenchmarkArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(BenchmarkArgs.USAGE);
      System.exit(2);
      return;
    }
    new Runner(options(parsed)).run();
  }

  private static Options options(BenchmarkArgs args) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .forks(args.forks())
        .measurementIterations(args.iterations())
        .measurementTime(seconds(args.iterationSeconds()))
        .warmupIterations(args.warmupIterations())
        .warmupTime(seconds(args.warmupSeconds()));
    if (args.includes().isEmpty()) {
      // Only this package, should the test classpath ever hold other JMH benchmarks.
      options.include(RunBenchmarks.class.getPackageName() + "\\.");
    }
    args.includes().forEach(options::include);
    return options.build();
  }

  private static TimeValue seconds(double seconds) {
    return TimeValue.milliseconds(Math.round(seconds * 1000));
  }
}
