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
  record Row(String mutant, boolean refuted, TlcResult result) {}

  private MutantTable() {}

  static void print(PrintWriter out, List<Row> rows) {
    int width = Math.max("mutant".length(),
        rows.stream().mapToInt(r -> r.mutant().length()).max().orElse(0));
    String format = "%-" + width + "s  %-8s  %-28s  %14s  %8s%n";
    out.printf(format, "mutant", "refuted", "violated", "counterexample", "time");
    for (Row row : rows) {
      TlcResult r = row.result();
      String violated = r.violated() != null ? r.violated() : "-";
      String trace = r.counterexampleLength() > 0 ? count(r.counterexampleLength()) + " states"
          : "-";
      out.printf(format, row.mutant(), row.refuted() ? "yes" : "NO", violated, trace,
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
}
