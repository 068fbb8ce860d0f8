package org.pbft.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one step of a PBFT counterexample did, read from the difference between two states of
 * spec/PBFT.tla's variables: the messages it added (with their senders) and the replicas whose
 * own variables changed. The sender of each kind of message is where the spec puts it: the
 * primary of the view for PRE-PREPARE and NEW-VIEW, the last component of PREPARE, COMMIT and
 * CHECKPOINT, field {@code i} of a VIEW-CHANGE.
 */
final class PbftStepReading {
  /** The variables a state must have for the chart; other specs get the state table only. */
  static final List<String> MESSAGE_VARIABLES =
      List.of("prePrepares", "prepares", "commits", "checkpoints", "viewChanges", "newViews");
  static final List<String> REPLICA_VARIABLES = List.of("view", "status", "h", "executed");

  /** A message added in a step. */
  record Sent(int sender, String label, List<Integer> receivers, boolean implied) {}

  private PbftStepReading() {}

  /** The number of replicas (the domain of {@code view}), or -1 when this is not PBFT's state. */
  static int replicas(Map<String, TlaValue> state) {
    if (!(state.get("view") instanceof TlaValue.Fun f)) {
      return -1;
    }
    for (String v : MESSAGE_VARIABLES) {
      if (!state.containsKey(v)) {
        return -1;
      }
    }
    return f.pairs().size();
  }

  /** Replicas whose own variables changed from {@code before} to {@code after}, with how. */
  static Map<Integer, List<String>> changes(Map<String, TlaValue> before,
      Map<String, TlaValue> after) {
    Map<Integer, List<String>> changed = new java.util.TreeMap<>();
    for (String var : REPLICA_VARIABLES) {
      if (before.get(var) instanceof TlaValue.Fun b && after.get(var) instanceof TlaValue.Fun a) {
        for (Map.Entry<TlaValue, TlaValue> e : a.pairs().entrySet()) {
          if (e.getKey() instanceof TlaValue.Num r && !e.getValue().equals(b.pairs().get(e.getKey()))) {
            changed.computeIfAbsent((int) r.value(), k -> new ArrayList<>())
                .add(var + "\u2192" + e.getValue());
          }
        }
      }
    }
    return changed;
  }

  /** The messages in {@code after} that were not in {@code before}. */
  static List<Sent> sent(Map<String, TlaValue> before, Map<String, TlaValue> after, int n,
      Set<Integer> faulty) {
    List<Sent> out = new ArrayList<>();
    for (TlaValue m : added(before, after, "prePrepares")) {
      List<TlaValue> t = m.elements();
      int p = primary(t.get(0), n);
      out.add(new Sent(p, "PRE-PREPARE v=" + t.get(0) + " n=" + t.get(1) + " d=" + t.get(2),
          others(p, n), false));
    }
    for (TlaValue m : added(before, after, "prepares")) {
      List<TlaValue> t = m.elements();
      int r = replica(t.get(3));
      int p = primary(t.get(0), n);
      if (faulty.contains(p) && p != r) {
        // The faulty primary's messages are not stored: r accepted one the spec lets it send.
        out.add(new Sent(p, "from faulty " + p + ", as " + r + " accepted it: v=" + t.get(0)
            + " n=" + t.get(1) + " d=" + t.get(2), List.of(r), true));
      }
      out.add(new Sent(r, "PREPARE v=" + t.get(0) + " n=" + t.get(1) + " d=" + t.get(2),
          others(r, n), false));
    }
    for (TlaValue m : added(before, after, "commits")) {
      List<TlaValue> t = m.elements();
      int r = replica(t.get(3));
      out.add(new Sent(r, "COMMIT v=" + t.get(0) + " n=" + t.get(1) + " d=" + t.get(2),
          others(r, n), false));
    }
    for (TlaValue m : added(before, after, "checkpoints")) {
      List<TlaValue> t = m.elements();
      int r = replica(t.get(2));
      out.add(new Sent(r, "CHECKPOINT n=" + t.get(0) + " s=" + t.get(1), others(r, n), false));
    }
    for (TlaValue m : added(before, after, "viewChanges")) {
      Map<String, TlaValue> f = fields(m);
      int r = replica(f.get("i"));
      out.add(new Sent(r, "VIEW-CHANGE v=" + f.get("v") + " n=" + f.get("n") + " P="
          + f.get("P"), others(r, n), false));
    }
    for (TlaValue m : added(before, after, "newViews")) {
      Map<String, TlaValue> f = fields(m);
      int p = primary(f.get("v"), n);
      out.add(new Sent(p, "NEW-VIEW v=" + f.get("v") + " minS=" + f.get("minS") + " O="
          + f.get("O"), others(p, n), false));
    }
    return out;
  }

  /**
   * Messages of {@code before} that {@code after} no longer has (a restart that forgets, in a
   * mutant), as "forgets ..." per sender: the spec's message sets otherwise only grow.
   */
  static Map<Integer, List<String>> forgotten(Map<String, TlaValue> before,
      Map<String, TlaValue> after, int n) {
    Map<Integer, List<String>> lost = new java.util.TreeMap<>();
    for (String var : MESSAGE_VARIABLES) {
      for (TlaValue m : added(after, before, var)) {
        for (Sent s : sent(Map.of(), Map.of(var, new TlaValue.Set(List.of(m))), n, Set.of())) {
          lost.computeIfAbsent(s.sender(), k -> new ArrayList<>()).add("forgets " + s.label());
        }
      }
    }
    return lost;
  }

  /** Everyone who acted: senders of stored messages and replicas whose variables changed. */
  static Set<Integer> actors(List<Sent> sent, Map<Integer, List<String>> changes) {
    Set<Integer> actors = new TreeSet<>(changes.keySet());
    sent.stream().filter(s -> !s.implied()).forEach(s -> actors.add(s.sender()));
    return actors;
  }

  private static Set<TlaValue> added(Map<String, TlaValue> before, Map<String, TlaValue> after,
      String var) {
    Set<TlaValue> now = new LinkedHashSet<>(after.getOrDefault(var, new TlaValue.Set(List.of()))
        .elements());
    now.removeAll(before.getOrDefault(var, new TlaValue.Set(List.of())).elements());
    return now;
  }

  private static Map<String, TlaValue> fields(TlaValue m) {
    return m instanceof TlaValue.Rec r ? r.fields() : Map.of();
  }

  private static int primary(TlaValue view, int n) {
    return (int) (((TlaValue.Num) view).value() % n);
  }

  private static int replica(TlaValue r) {
    return r instanceof TlaValue.Num num ? (int) num.value() : -1;
  }

  private static List<Integer> others(int sender, int n) {
    List<Integer> to = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i != sender) {
        to.add(i);
      }
    }
    return to;
  }
}
