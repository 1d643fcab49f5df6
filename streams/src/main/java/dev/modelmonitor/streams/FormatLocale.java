package dev.modelmonitor.streams;

import java.util.Locale;

/**
 * The JVM's default format locale, as the pipeline's stream threads need it.
 *
 * <p>Kafka Streams 4.4 formats a log message with {@code String.format} for every record a task
 * with an empty input partition processes, whether or not the message is logged (KAFKA-19682; the
 * reports task's labels partition is empty most of the time). {@code java.util.Formatter} builds a
 * new {@code DecimalFormatSymbols} on every call unless the format locale is {@code en_US}, and a
 * JVM started with {@code LANG=C} or no {@code LANG} has the locale {@code en}: on such a JVM that
 * was 18% of the reports app's CPU per event (BENCHMARKS.md section 3). {@code en} and
 * {@code en_US} format numbers and dates alike, so switching one for the other changes nothing
 * anyone sees; any other locale is left as the user set it.
 */
public final class FormatLocale {
  private FormatLocale() {}

  /**
   * Makes {@code en_US} the default format locale when it is plain {@code en} (no country, no
   * variant); returns whether it did. Call once, at startup, before the Streams clients start.
   */
  public static boolean preferUsEnglishOverPlainEnglish() {
    Locale format = Locale.getDefault(Locale.Category.FORMAT);
    if (format.getLanguage().equals("en") && format.getCountry().isEmpty()
        && format.getVariant().isEmpty() && format.getScript().isEmpty()) {
      Locale.setDefault(Locale.Category.FORMAT, Locale.US);
      return true;
    }
    return false;
  }
}
