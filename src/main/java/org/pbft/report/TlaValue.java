package org.pbft.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value as TLC prints it in a trace: a number, a string, a model value or other name, a set, a
 * sequence (tuple), a record or a function ({@code (k :> v @@ ...)}). Enough structure to compare
 * two states and to read the messages of a PBFT state; {@link #toString} prints it back in TLA+.
 */
public sealed interface TlaValue {
  /** An integer. */
  record Num(long value) implements TlaValue {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A string literal. */
  record Str(String value) implements TlaValue {
    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }

  /** A model value, TRUE, FALSE or any other bare name. */
  record Name(String value) implements TlaValue {
    @Override
    public String toString() {
      return value;
    }
  }

  /** {@code {a, b}}: elements in TLC's order. */
  record Set(List<TlaValue> elements) implements TlaValue {
    public Set {
      elements = List.copyOf(elements);
    }

    @Override
    public String toString() {
      return elements.stream().map(Object::toString).collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /** {@code <<a, b>>}. */
  record Tuple(List<TlaValue> elements) implements TlaValue {
    public Tuple {
      elements = List.copyOf(elements);
    }

    @Override
    public String toString() {
      return elements.stream().map(Object::toString)
          .collect(Collectors.joining(", ", "<<", ">>"));
    }
  }

  /** {@code [f |-> v, ...]}: fields in TLC's order. */
  record Rec(Map<String, TlaValue> fields) implements TlaValue {
    public Rec {
      fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    @Override
    public String toString() {
      return fields.entrySet().stream().map(e -> e.getKey() + " |-> " + e.getValue())
          .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** {@code (k1 :> v1 @@ k2 :> v2)}: a function given by its pairs. */
  record Fun(Map<TlaValue, TlaValue> pairs) implements TlaValue {
    public Fun {
      pairs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pairs));
    }

    @Override
    public String toString() {
      return pairs.entrySet().stream().map(e -> e.getKey() + " :> " + e.getValue())
          .collect(Collectors.joining(" @@ ", "(", ")"));
    }
  }

  /** The elements of a set or a tuple; empty for anything else. */
  default List<TlaValue> elements() {
    if (this instanceof Set s) {
      return s.elements();
    }
    if (this instanceof Tuple t) {
      return t.elements();
    }
    return List.of();
  }
}
