package dev.modelmonitor.alerts;

/**
 * What a metric reads for a model now: a number, a text (lifecycle state, version), or no data
 * (too few events, no reference, never heard from).
 */
record Observation(boolean present, double value, String text) {
  static final Observation NO_DATA = new Observation(false, Double.NaN, null);

  static Observation of(double value) {
    return new Observation(true, value, null);
  }

  static Observation text(String text) {
    return new Observation(true, Double.NaN, text);
  }

  /** As {{value}} renders it. */
  String display() {
    if (!present) {
      return "no data";
    }
    return text != null ? text : Numbers.format(value);
  }
}
