package dev.modelmonitor.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far ahead of the wall clock a source record may be dated before it is dead-lettered with
 * reason {@code FUTURE} instead of processed. A topology whose time is the largest event time it
 * has seen needs this: one event from a producer whose clock is years off, or with a timestamp in
 * the wrong unit (s or us read as ms), would move that time years ahead, after which every real
 * event looks old. Some slack is always allowed, for producers' clocks that run a little ahead.
 *
 * @param tolerance how far ahead a timestamp may be, inclusive
 * @param setting the configuration key that sets the tolerance, named in the dead letter
 */
public record FutureLimit(Duration tolerance, String setting) {
  /** No limit: for topologies that cap event time at the wall clock themselves. */
  public static final FutureLimit NONE = new FutureLimit(null, null);

  public FutureLimit {
    if (tolerance != null) {
      Objects.requireNonNull(setting, "setting");
      if (tolerance.isNegative()) {
        throw new IllegalArgumentException(setting + " must not be negative: " + tolerance);
      }
    }
  }

  /** The tolerance in milliseconds; Long.MAX_VALUE for {@link #NONE}. */
  long toleranceMs() {
    return tolerance == null ? Long.MAX_VALUE : tolerance.toMillis();
  }

  /** The dead letter's message for a record dated {@code timestamp} at wall time {@code wall}. */
  String problem(long timestamp, long wall) {
    return "event time " + Instant.ofEpochMilli(timestamp) + " is "
        + Duration.ofMillis(timestamp - wall) + " ahead of this instance's clock ("
        + Instant.ofEpochMilli(wall) + "), more than " + setting + " (" + tolerance
        + ") allows: fix the producer's clock or timestamp unit, or raise " + setting;
  }
}
