package org.pbft.tlc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Feeds TLC output recorded under src/test/resources/tlc/output/ to a parser. */
final class RecordedOutput {
  private RecordedOutput() {}

  static TlcResult parse(String name, int exitCode) {
    return parse(name, exitCode, TlcProgressListener.NONE);
  }

  static TlcResult parse(String name, int exitCode, TlcProgressListener listener) {
    TlcOutputParser parser = new TlcOutputParser(listener);
    lines(name + ".out").forEach(parser::acceptStdout);
    lines(name + ".err").forEach(parser::acceptStderr);
    return parser.finish(exitCode, 1.5);
  }

  static List<String> lines(String file) {
    try (InputStream in = RecordedOutput.class.getResourceAsStream("/tlc/output/" + file)) {
      if (in == null) {
        return new ArrayList<>();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
