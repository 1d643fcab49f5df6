package dev.modelmonitor.alerts.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is; carried on the alert and used by notification routing. */
public enum Severity {
  CRITICAL,
  WARNING,
  INFO;

  /** As written in rules and alerts: {@code critical}, {@code warning}, {@code info}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(v -> v.name().equals(s)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(Severity::label).toList();
  }
}
