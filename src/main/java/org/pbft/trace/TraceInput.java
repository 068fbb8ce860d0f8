package org.pbft.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One trace to validate: the files of one run, one per replica, merged into causal order.
 *
 * @param name how the trace is shown: its directory, or its single file
 * @param files the per-replica NDJSON files
 */
public record TraceInput(String name, List<Path> files) {

  public TraceInput {
    files = List.copyOf(files);
  }

  /** The merged events. */
  public List<TraceRecord> read() throws IOException, TraceFormatException {
    List<List<TraceRecord>> perReplica = new ArrayList<>();
    for (Path f : files) {
      perReplica.add(TraceReader.read(f));
    }
    return TraceMerge.merge(perReplica);
  }

  /**
   * The traces named on a command line. A directory holding {@code *.ndjson} files is one trace;
   * a directory without any is searched one level down (for example the DIR that
   * {@code pbft simulate --trace DIR} fills with {@code seed-S/}), each subdirectory with
   * {@code *.ndjson} files being one trace. The files named directly form one trace together.
   */
  public static List<TraceInput> of(List<Path> args) throws IOException {
    List<TraceInput> traces = new ArrayList<>();
    List<Path> loose = new ArrayList<>();
    for (Path a : args) {
      if (Files.isRegularFile(a)) {
        loose.add(a);
      } else if (Files.isDirectory(a)) {
        List<Path> own = ndjsonIn(a);
        if (!own.isEmpty()) {
          traces.add(new TraceInput(a.toString(), own));
          continue;
        }
        List<Path> subdirs;
        try (Stream<Path> s = Files.list(a)) {
          subdirs = s.filter(Files::isDirectory).sorted(TraceInput::naturalOrder).toList();
        }
        boolean any = false;
        for (Path d : subdirs) {
          List<Path> files = ndjsonIn(d);
          if (!files.isEmpty()) {
            traces.add(new TraceInput(d.toString(), files));
            any = true;
          }
        }
        if (!any) {
          throw new NoSuchFileException(a.toString(), null, "no *.ndjson trace files in it");
        }
      } else {
        throw new NoSuchFileException(a.toString());
      }
    }
    if (!loose.isEmpty()) {
      traces.add(new TraceInput(loose.size() == 1 ? loose.get(0).toString()
          : loose.get(0).getParent() + " (" + loose.size() + " files)", loose));
    }
    return traces;
  }

  private static List<Path> ndjsonIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".ndjson"))
          .sorted(TraceInput::naturalOrder).toList();
    }
  }

  /** seed-2 before seed-10. */
  private static int naturalOrder(Path a, Path b) {
    String x = a.getFileName().toString();
    String y = b.getFileName().toString();
    String px = x.replaceAll("\\d+$", "");
    String py = y.replaceAll("\\d+$", "");
    if (px.equals(py) && !px.equals(x) && !py.equals(y)) {
      String nx = x.substring(px.length());
      String ny = y.substring(py.length());
      return nx.length() != ny.length() ? Integer.compare(nx.length(), ny.length())
          : nx.compareTo(ny);
    }
    return x.compareTo(y);
  }
}
