package dev.modelmonitor.cli;

import dev.modelmonitor.report.ReportTimes;
import dev.modelmonitor.streams.Durations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A point in time as {@code --from}/{@code --to} take it: ISO-8601 ({@code 2026-11-28T10:00:00Z},
 * with an offset, or without one meaning UTC; a date alone is its UTC midnight), {@code now}, or a
 * duration back from now ({@code 24h}, {@code 30m}, {@code 7d}).
 */
final class TimeBound {
  private TimeBound() {}

  static Instant parse(String option, String text, Instant now) {
    String s = text.trim();
    if (s.equalsIgnoreCase("now")) {
      return now;
    }
    if (!s.isEmpty() && Character.isDigit(s.charAt(0)) && !s.contains("-")) {
      try {
        return now.minus(Durations.parse(s));
      } catch (IllegalArgumentException e) {
        throw invalid(option, text);
      }
    }
    Instant printed = ReportTimes.parseUtc(s); // as reports list prints it
    if (printed != null) {
      return printed;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // try the forms without an offset
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw invalid(option, text);
    }
  }

  private static UsageException invalid(String option, String text) {
    return new UsageException(
        option
            + " must be an ISO-8601 time (2026-11-28T10:00:00Z, 2026-11-28T10:00, 2026-11-28), a"
            + " time as reports list prints it (2026-11-28 10:00 UTC), now,"
            + " or a duration back from now (30m, 24h, 7d) but was '"
            + text
            + "'");
  }
}
