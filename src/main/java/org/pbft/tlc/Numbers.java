package org.pbft.tlc;

import java.util.Locale;

/** Number formats shared by verdicts and the command line. */
public final class Numbers {
  private Numbers() {}

  /** 1234567 as "1,234,567". */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Seconds as "212 s" or, below ten, "3.4 s". */
  public static String seconds(double s) {
    return s >= 10 ? String.format(Locale.ROOT, "%,.0f s", s)
        : String.format(Locale.ROOT, "%.1f s", s);
  }
}
