package dev.modelmonitor.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Reads event time from a CSV column: ISO-8601 date-time, date (midnight UTC), {@code
 * epoch-millis}, {@code epoch-seconds}, or a {@link DateTimeFormatter} pattern; an optional hour
 * column adds hours (for hourly data with a separate hour field, such as bike sharing's
 * {@code dteday} + {@code hr}). Local times are read as UTC.
 */
public final class EventTimes {
  private final String column;
  private final String hourColumn;
  private final String format;
  private final DateTimeFormatter pattern;

  public EventTimes(String column, String format, String hourColumn) {
    this.column = column;
    this.hourColumn = hourColumn;
    this.format = format == null ? "iso" : format;
    this.pattern =
        switch (this.format) {
          case "iso", "epoch-millis", "epoch-seconds" -> null;
          default -> DateTimeFormatter.ofPattern(this.format);
        };
  }

  public Instant read(CsvSource.Row row, String file) {
    String text = row.get(column);
    Instant t;
    try {
      t = parse(text);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new CsvFormatException(
          file, row.line(),
          "cannot read '" + text + "' in column '" + column + "' as a time (format " + format + ")");
    }
    if (hourColumn == null) {
      return t;
    }
    String hour = row.get(hourColumn);
    try {
      return t.plusSeconds(3600L * Long.parseLong(hour));
    } catch (NumberFormatException e) {
      throw new CsvFormatException(file, row.line(), "cannot read '" + hour + "' in column '"
          + hourColumn + "' (--hour-column) as a whole number of hours");
    }
  }

  private Instant parse(String text) {
    switch (format) {
      case "epoch-millis":
        return Instant.ofEpochMilli(Long.parseLong(text));
      case "epoch-seconds":
        return Instant.ofEpochSecond(Long.parseLong(text));
      case "iso":
        if (text.length() == 10) {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
      default:
        TemporalAccessor parsed = pattern.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof OffsetDateTime odt) {
          return odt.toInstant();
        }
        if (parsed instanceof LocalDateTime ldt) {
          return ldt.toInstant(ZoneOffset.UTC);
        }
        return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
  }
}
