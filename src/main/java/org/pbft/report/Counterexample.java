package org.pbft.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pbft.tlc.TlcErrorTrace;

/**
 * A TLC error trace with its states read into values.
 *
 * @param model the model's name (its .cfg file without the extension)
 * @param title the model's title, or ""
 * @param violated what TLC found violated ("AgreementInv", "deadlock", ...)
 * @param steps the states in order
 */
public record Counterexample(String model, String title, String violated, List<Step> steps) {
  public Counterexample {
    steps = List.copyOf(steps);
  }

  /**
   * One state of the trace.
   *
   * @param number TLC's state number
   * @param kind how TLC printed it
   * @param action the action that led here
   * @param location where the action is defined, as TLC says it
   * @param text each variable's value as TLC printed it, by name, in TLC's order
   * @param values each variable's value, by name; absent when it could not be read
   */
  public record Step(int number, TlcErrorTrace.Kind kind, String action, String location,
      Map<String, String> text, Map<String, TlaValue> values) {}

  /** Reads the values of TLC's states; a value it cannot read stays text only. */
  public static Counterexample of(String model, String title, String violated,
      List<TlcErrorTrace.State> states) {
    List<Step> steps = new ArrayList<>();
    for (TlcErrorTrace.State s : states) {
      Map<String, String> text = new LinkedHashMap<>();
      Map<String, TlaValue> values = new LinkedHashMap<>();
      for (String v : s.variables()) {
        int eq = v.indexOf(" = ");
        if (eq < 0) {
          continue;
        }
        String name = v.substring(0, eq).trim();
        String value = v.substring(eq + 3).trim();
        text.put(name, value);
        try {
          values.put(name, TlaValueParser.parse(value));
        } catch (IllegalArgumentException e) {
          // shown as TLC printed it; the chart does without it
        }
      }
      steps.add(new Step(s.number(), s.kind(), s.action(), s.location(), text, values));
    }
    return new Counterexample(model, title, violated, steps);
  }
}
