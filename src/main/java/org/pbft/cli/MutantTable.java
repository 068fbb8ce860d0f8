package org.pbft.cli;

import static org.pbft.tlc.Numbers.count;
import static org.pbft.tlc.Numbers.seconds;

import java.io.PrintWriter;
import java.util.List;
import org.pbft.tlc.TlcResult;

/**
 * The mutants at a glance: each must be refuted, that is, TLC must report a violation of the
 * invariant its header names.
 */
final class MutantTable {
  /** One mutant: its name, the invariant it must violate, whether it did, what TLC reported. */
  record Row(String mutant, String invariant, boolean refuted, TlcResult result) {}

  private MutantTable() {}

  static void print(PrintWriter out, List<Row> rows) {
    int nameWidth = width("mutant", rows.stream().map(Row::mutant).toList());
    int invWidth = width("invariant", rows.stream().map(Row::invariant).toList());
    String format = "%-" + nameWidth + "s  %-8s  %-" + invWidth + "s  %14s  %8s%n";
    out.printf(format, "mutant", "refuted", "invariant", "counterexample", "time");
    for (Row row : rows) {
      TlcResult r = row.result();
      String trace = row.refuted() ? count(r.counterexampleLength()) + " states" : "-";
      out.printf(format, row.mutant(), row.refuted() ? "yes" : "NO", row.invariant(), trace,
          seconds(r.seconds()));
    }
    long refuted = rows.stream().filter(Row::refuted).count();
    if (refuted == rows.size()) {
      out.printf("PASS mutants: all %d refuted%n", rows.size());
    } else {
      out.printf("FAIL mutants: %d of %d not refuted: %s%n", rows.size() - refuted, rows.size(),
          String.join(", ", rows.stream().filter(r -> !r.refuted()).map(Row::mutant).toList()));
    }
  }

  private static int width(String header, List<String> values) {
    return Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
  }
}
