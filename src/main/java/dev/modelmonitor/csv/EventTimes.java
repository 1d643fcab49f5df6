package dev.modelmonitor.csv;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * A CSV row's event time. Read from a column: ISO-8601 date-time, date (midnight UTC), {@code
 * epoch-millis}, {@code epoch-seconds}, or a {@link DateTimeFormatter} pattern; an optional hour
 * column adds hours (for hourly data with a separate hour field, such as bike sharing's
 * {@code dteday} + {@code hr}). Local times are read as UTC. Or, for files without a time column
 * whose rows are evenly spaced in time (NOAA's daily weather), from the row's number: {@link
 * #everyRow}.
 */
public final class EventTimes {
  private final String column;
  private final String hourColumn;
  private final String format;
  private final DateTimeFormatter pattern;
  private final Instant firstRow;
  private final Duration interval;

  public EventTimes(String column, String format, String hourColumn) {
    this(column, format, hourColumn, null, null);
  }

  private EventTimes(String column, String format, String hourColumn, Instant firstRow,
      Duration interval) {
    this.column = column;
    this.hourColumn = hourColumn;
    this.format = format == null ? "iso" : format;
    this.pattern =
        switch (this.format) {
          case "iso", "epoch-millis", "epoch-seconds" -> null;
          default -> DateTimeFormatter.ofPattern(this.format);
        };
    this.firstRow = firstRow;
    this.interval = interval;
  }

  /** Data row n (1-based, in the file) is at {@code firstRow + (n - 1) * interval}. */
  public static EventTimes everyRow(Instant firstRow, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the row interval must be positive but was " + interval);
    }
    return new EventTimes(null, null, null, firstRow, interval);
  }

  /**
   * The row's event time.
   *
   * @throws CsvFormatException naming the line when it cannot be read, or is before 1970, which
   *     no Kafka record timestamp can be
   */
  public Instant read(CsvSource.Row row, String file) {
    Instant t = firstRow != null ? firstRow.plus(interval.multipliedBy(row.number() - 1))
        : fromColumns(row, file);
    if (t.isBefore(Instant.EPOCH)) {
      throw new CsvFormatException(file, row.line(), "event time " + t + " is before "
          + Instant.EPOCH + ", which a Kafka record's timestamp cannot be; shift the times "
          + "forward (rows timed by --first-row-time: start in 1970 or later)");
    }
    return t;
  }

  private Instant fromColumns(CsvSource.Row row, String file) {
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
