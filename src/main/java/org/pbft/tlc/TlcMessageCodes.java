package org.pbft.tlc;

/**
 * The {@code -tool} message codes this project reads, as TLC 2.18 numbers them
 * ({@code tlc2.output.EC}). A message looks like
 * {@code @!@!@STARTMSG 2110:1 @!@!@} ... {@code @!@!@ENDMSG 2110 @!@!@}, where the number after
 * the colon is the message class.
 */
final class TlcMessageCodes {
  static final int CLASS_ERROR = 1;

  static final int GENERAL = 1000;
  static final int OUT_OF_MEMORY = 1001;
  static final int OUT_OF_MEMORY_TOO_MANY_INIT = 1002;
  static final int OUT_OF_MEMORY_LIVENESS = 1003;

  static final int ASSUMPTION_FALSE = 2104;
  static final int ASSUMPTION_EVALUATION_ERROR = 2105;
  static final int INVARIANT_VIOLATED_INITIAL = 2107;
  static final int PROPERTY_VIOLATED_INITIAL = 2108;
  static final int INVARIANT_VIOLATED_BEHAVIOR = 2110;
  static final int ACTION_PROPERTY_VIOLATED_BEHAVIOR = 2112;
  static final int DEADLOCK_REACHED = 2114;
  static final int TEMPORAL_PROPERTY_VIOLATED = 2116;
  static final int BEHAVIOR_UP_TO_THIS_POINT = 2121;
  static final int BACK_TO_STATE = 2122;
  static final int PARSING_FAILED_2 = 2171;
  static final int INIT_GENERATED = 2190;
  static final int SUCCESS = 2193;
  static final int SEARCH_DEPTH = 2194;
  static final int FINISHED = 2186;
  static final int STATS = 2199;
  static final int PROGRESS_STATS = 2200;
  static final int SIMULATION_PROGRESS = 2209;
  static final int STATE_PRINT = 2217;
  static final int STATE_PRINT_STUTTERING = 2218;
  static final int SANY_END = 2219;
  static final int SANY_START = 2220;
  static final int COUNTER_EXAMPLE = 2264;
  static final int PARSING_FAILED = 3002;

  private TlcMessageCodes() {}
}
