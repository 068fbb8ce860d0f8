package org.pbft.tlc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts TLC's {@code -tool} output into messages. Markers may sit in the middle of a line and
 * messages may nest (TLC wraps some errors in a general one), so lines are split at markers and
 * open messages are kept on a stack. Text outside every message (SANY's output, stack traces) is
 * passed on as plain lines.
 */
final class TlcMessageReader {
  interface Sink {
    void message(TlcMessage message);

    void plain(String line);
  }

  private static final Pattern MARKER =
      Pattern.compile("@!@!@(?:STARTMSG (\\d+):(\\d+)|ENDMSG (\\d+)) @!@!@");

  private final Sink sink;
  private final Deque<Open> open = new ArrayDeque<>();

  TlcMessageReader(Sink sink) {
    this.sink = sink;
  }

  void accept(String line) {
    Matcher m = MARKER.matcher(line);
    int from = 0;
    boolean sawMarker = false;
    while (m.find()) {
      sawMarker = true;
      text(line.substring(from, m.start()), true);
      if (m.group(1) != null) {
        open.push(new Open(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
      } else {
        close(Integer.parseInt(m.group(3)));
      }
      from = m.end();
    }
    text(line.substring(from), sawMarker);
  }

  private void text(String text, boolean besideMarker) {
    if (besideMarker && text.isBlank()) {
      return; // the marker's own line, or spaces around it
    }
    if (open.isEmpty()) {
      sink.plain(text);
    } else {
      open.peek().lines.add(text);
    }
  }

  private void close(int code) {
    // An ENDMSG without its STARTMSG would mean lost output; drop it rather than guess.
    if (open.isEmpty() || open.peek().code != code) {
      return;
    }
    Open done = open.pop();
    TlcMessage message = new TlcMessage(done.code, done.messageClass, done.lines, done.nested);
    if (!open.isEmpty()) {
      open.peek().lines.addAll(message.lines());
      open.peek().nested.add(message);
    }
    sink.message(message);
  }

  private static final class Open {
    final int code;
    final int messageClass;
    final List<String> lines = new ArrayList<>();
    final List<TlcMessage> nested = new ArrayList<>();

    Open(int code, int messageClass) {
      this.code = code;
      this.messageClass = messageClass;
    }
  }
}
