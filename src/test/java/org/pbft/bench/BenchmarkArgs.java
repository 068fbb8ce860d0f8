package org.pbft.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link RunBenchmarks}: regular expressions selecting benchmarks (all when
 * none) and the few run settings worth changing. The defaults are modest on purpose: enough
 * for a comparison on a shared machine, short enough to run all benchmarks in minutes.
 */
record BenchmarkArgs(
    List<String> includes,
    int forks,
    int iterations,
    double iterationSeconds,
    int warmupIterations,
    double warmupSeconds) {

  static final String USAGE = """
      usage: bench/microbench [REGEX...] [--forks N] [--iterations N] [--time SECONDS]
                              [--warmup-iterations N] [--warmup-time SECONDS]
        REGEX                 benchmarks to run, matched against Class.method (default: all),
                              for example 'Open.*Cache' or 'Hmac'
        --forks N             JVMs per benchmark (default 2)
        --iterations N        measured iterations per fork (default 3)
        --time SECONDS        length of a measured iteration (default 2)
        --warmup-iterations N unmeasured iterations per fork first (default 2)
        --warmup-time SECONDS length of a warm-up iteration (default 1)
      """;

  static BenchmarkArgs parse(String... args) {
    List<String> includes = new ArrayList<>();
    int forks = 2;
    int iterations = 3;
    double time = 2;
    int warmupIterations = 2;
    double warmupTime = 1;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--forks" -> forks = (int) number(args, ++i, arg, 0);
        case "--iterations" -> iterations = (int) number(args, ++i, arg, 1);
        case "--time" -> time = number(args, ++i, arg, 0.001);
        case "--warmup-iterations" -> warmupIterations = (int) number(args, ++i, arg, 0);
        case "--warmup-time" -> warmupTime = number(args, ++i, arg, 0.001);
        default -> {
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + arg);
          }
          includes.add(arg);
        }
      }
    }
    return new BenchmarkArgs(
        List.copyOf(includes), forks, iterations, time, warmupIterations, warmupTime);
  }

  private static double number(String[] args, int i, String option, double min) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    double value;
    try {
      value = Double.parseDouble(args[i]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + args[i]);
    }
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min);
    }
    return value;
  }
}
