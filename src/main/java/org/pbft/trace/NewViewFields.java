package org.pbft.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code V} and {@code O} fields of a NEW-VIEW event (see {@link TracedNewView}) from
 * the parsed JSON values, checking their shape: {@code "V":[[i,n,"s",[[n,v,"d"],...]],...]} and
 * {@code "O":[[n,"d"],...]}. The first problem is reported with the file, the line and the place
 * in the field ({@code V[2][3][0]}).
 */
final class NewViewFields {
  private final Path file;
  private final int line;

  private NewViewFields(Path file, int line) {
    this.file = file;
    this.line = line;
  }

  static TracedNewView read(Path file, int line, Object v, Object o) throws TraceFormatException {
    NewViewFields f = new NewViewFields(file, line);
    List<TracedNewView.ViewChange> vcs = new ArrayList<>();
    List<Object> entries = f.array(v, "V", -1);
    if (entries.isEmpty()) {
      throw new TraceFormatException(file, line, "\"V\" must hold at least one VIEW-CHANGE");
    }
    for (int i = 0; i < entries.size(); i++) {
      String at = "V[" + i + "]";
      List<Object> vc = f.array(entries.get(i), at, 4);
      List<TracedNewView.Certificate> certs = new ArrayList<>();
      List<Object> p = f.array(vc.get(3), at + "[3]", -1);
      for (int j = 0; j < p.size(); j++) {
        String cat = at + "[3][" + j + "]";
        List<Object> c = f.array(p.get(j), cat, 3);
        certs.add(new TracedNewView.Certificate(f.integer(c.get(0), cat + "[0]", 1),
            f.integer(c.get(1), cat + "[1]", 0), f.digest(c.get(2), cat + "[2]")));
      }
      vcs.add(new TracedNewView.ViewChange((int) f.integer(vc.get(0), at + "[0]", 0),
          f.integer(vc.get(1), at + "[1]", 0), f.digest(vc.get(2), at + "[2]"), certs));
    }
    List<TracedNewView.PrePrepare> pps = new ArrayList<>();
    List<Object> os = f.array(o, "O", -1);
    for (int i = 0; i < os.size(); i++) {
      String at = "O[" + i + "]";
      List<Object> pp = f.array(os.get(i), at, 2);
      pps.add(new TracedNewView.PrePrepare(f.integer(pp.get(0), at + "[0]", 1),
          f.digest(pp.get(1), at + "[1]")));
    }
    return new TracedNewView(vcs, pps);
  }

  /** {@code value} as an array of {@code size} items (any size when negative). */
  @SuppressWarnings("unchecked")
  private List<Object> array(Object value, String at, int size) throws TraceFormatException {
    if (!(value instanceof List<?> list)) {
      throw new TraceFormatException(file, line, "\"" + at + "\" must be an array, not "
          + TraceReader.show(value));
    }
    if (size >= 0 && list.size() != size) {
      throw new TraceFormatException(file, line, "\"" + at + "\" must have " + size
          + " items, not " + list.size());
    }
    return (List<Object>) list;
  }

  private long integer(Object value, String at, long min) throws TraceFormatException {
    if (!(value instanceof Long n) || n < min) {
      throw new TraceFormatException(file, line, "\"" + at + "\" must be an integer >= " + min
          + ", not " + TraceReader.show(value));
    }
    return n;
  }

  private String digest(Object value, String at) throws TraceFormatException {
    if (!(value instanceof String s) || !TraceReader.isDigest(s)) {
      throw new TraceFormatException(file, line, "\"" + at
          + "\" must be 64 lowercase hex digits, not " + TraceReader.show(value));
    }
    return s;
  }
}
