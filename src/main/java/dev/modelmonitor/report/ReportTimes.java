package dev.modelmonitor.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How reports write times and window lengths for people: {@code 2012-07-01 00:00 UTC}, {@code 31
 * d}.
 */
public final class ReportTimes {
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private ReportTimes() {}

  /** Minutes when the time is on a whole minute, else seconds, then the zone. */
  public static String format(Instant time, ZoneId zone) {
    if (time == null) {
      return "—";
    }
    DateTimeFormatter f =
        time.getEpochSecond() % 60 == 0 && time.getNano() == 0 ? MINUTES : SECONDS;
    String z = zone.getId().equals("Z") ? "UTC" : zone.getId();
    return f.format(time.atZone(zone)) + " " + z;
  }

  /** Reads a UTC time as {@link #format} writes it; null when {@code text} is not one. */
  public static Instant parseUtc(String text) {
    if (!text.endsWith(" UTC")) {
      return null;
    }
    String local = text.substring(0, text.length() - " UTC".length());
    for (DateTimeFormatter f : new DateTimeFormatter[] {MINUTES, SECONDS}) {
      try {
        return LocalDateTime.parse(local, f).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // try the other precision
      }
    }
    return null;
  }

  /**
   * A window length in its largest whole unit when exact: {@code 1 h}, {@code 15 min}, {@code 31
   * d}.
   */
  public static String length(Instant start, Instant end) {
    Duration d = Duration.between(start, end);
    if (d.isNegative()) {
      return d.toString();
    }
    long s = d.getSeconds();
    if (s > 0 && s % 86_400 == 0) {
      return s / 86_400 + " d";
    }
    if (s > 0 && s % 3_600 == 0) {
      return s / 3_600 + " h";
    }
    if (s > 0 && s % 60 == 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }
}
