package org.pbft.cli;

import static org.pbft.tlc.Numbers.count;

import java.io.PrintWriter;
import java.util.Locale;
import org.pbft.tlc.TlcProgress;
import org.pbft.tlc.TlcProgressListener;

/** Prints TLC's progress for one model, at most once per interval. */
final class ProgressPrinter implements TlcProgressListener {
  private final PrintWriter err;
  private final String model;
  private final double intervalSeconds;
  private TlcProgress last;

  ProgressPrinter(PrintWriter err, String model, double intervalSeconds) {
    this.err = err;
    this.model = model;
    this.intervalSeconds = intervalSeconds;
  }

  @Override
  public synchronized void onProgress(TlcProgress p) {
    double since = last == null ? p.seconds() : p.seconds() - last.seconds();
    if (since < intervalSeconds) {
      return;
    }
    long generatedSince = p.statesGenerated() - (last == null ? 0 : last.statesGenerated());
    long rate = since > 0 ? Math.round(generatedSince / since) : 0;
    err.println(String.format(Locale.ROOT, "  %s: %s states, %s distinct, %s states/s, queue %s,"
            + " %.0f s", model, count(p.statesGenerated()), count(p.distinctStates()),
        count(rate), count(p.queue()), p.seconds()));
    err.flush();
    last = p;
  }
}
