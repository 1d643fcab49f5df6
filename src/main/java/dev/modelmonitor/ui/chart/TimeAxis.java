package dev.modelmonitor.ui.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ticks for a time axis at round steps (1 s … 30 d) aligned to the clock in a zone, with labels
 * that show the date only where it changes.
 */
final class TimeAxis {
  private static final Duration[] STEPS = {
    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
    Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
    Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
    Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6),
    Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7),
    Duration.ofDays(14), Duration.ofDays(30)
  };
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

  /**
   * One tick.
   *
   * @param time where it stands
   * @param label its time of day (or date, for day steps)
   * @param date the date under it where the day changes (and on the first tick), else null
   */
  record Tick(Instant time, String label, String date) {}

  private TimeAxis() {}

  /** The smallest round step that gives at most {@code maxTicks} ticks over {@code span}. */
  static Duration step(Duration span, int maxTicks) {
    for (Duration step : STEPS) {
      if (span.toMillis() / step.toMillis() < maxTicks) {
        return step;
      }
    }
    return STEPS[STEPS.length - 1].multipliedBy(
        span.toMillis() / STEPS[STEPS.length - 1].toMillis() / maxTicks + 1);
  }

  static List<Tick> ticks(Instant from, Instant to, int maxTicks, ZoneId zone) {
    Duration step = step(Duration.between(from, to), maxTicks);
    ZonedDateTime t = align(from.atZone(zone), step);
    List<Tick> ticks = new ArrayList<>();
    boolean days = step.toDays() >= 1;
    DateTimeFormatter timeFormat = days ? DAY : step.toMinutes() >= 1 ? MINUTES : SECONDS;
    ZonedDateTime previous = null;
    while (!t.toInstant().isAfter(to)) {
      if (!t.toInstant().isBefore(from)) {
        String date = null;
        if (!days && (previous == null || !previous.toLocalDate().equals(t.toLocalDate()))) {
          date = DAY.format(t);
        }
        ticks.add(new Tick(t.toInstant(), timeFormat.format(t), date));
        previous = t;
      }
      t = days ? t.plusDays(step.toDays()) : t.plus(step);
    }
    return ticks;
  }

  private static ZonedDateTime align(ZonedDateTime t, Duration step) {
    if (step.toDays() >= 1) {
      return t.truncatedTo(ChronoUnit.DAYS);
    }
    if (step.toHours() >= 1) {
      ZonedDateTime h = t.truncatedTo(ChronoUnit.HOURS);
      return h.minusHours(h.getHour() % step.toHours());
    }
    if (step.toMinutes() >= 1) {
      ZonedDateTime m = t.truncatedTo(ChronoUnit.MINUTES);
      return m.minusMinutes(m.getMinute() % step.toMinutes());
    }
    ZonedDateTime s = t.truncatedTo(ChronoUnit.SECONDS);
    return s.minusSeconds(s.getSecond() % step.toSeconds());
  }
}
