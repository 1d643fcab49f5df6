package dev.modelmonitor.api;

import dev.modelmonitor.streams.Durations;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters the read APIs share; a malformed one is an error that names it. */
final class QueryParams {
  private QueryParams() {}

  /** {@code limit}: a positive whole number, {@code fallback} when absent. */
  static int limit(Context ctx, int fallback) {
    String text = ctx.queryParam("limit");
    if (text == null) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit > 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(
        "limit must be a whole number of at least 1 but was '" + text + "'");
  }

  /**
   * A point in time, null when absent: ISO-8601 ({@code 2026-11-28T10:00:00Z}), a date (its UTC
   * midnight) or a duration back from {@code now} ({@code 24h}), as the CLI's {@code --from}.
   */
  static Instant time(Context ctx, String name, Instant now) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return null;
    }
    String s = text.trim();
    try {
      if (!s.isEmpty() && Character.isDigit(s.charAt(0)) && !s.contains("-")) {
        return now.minus(Durations.parse(s));
      }
      return s.contains("T")
          ? Instant.parse(s)
          : LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO-8601 time (2026-11-28T10:00:00Z),"
          + " a date (2026-11-28) or a duration back from now (24h) but was '" + text + "'");
    }
  }
}
