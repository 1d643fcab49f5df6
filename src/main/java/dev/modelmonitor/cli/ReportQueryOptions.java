package dev.modelmonitor.cli;

import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * Which reports {@code reports list|show|export} read: model, window range, and how long to wait.
 */
final class ReportQueryOptions {
  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "Only this model's reports (list and export: default every model; show "
          + "needs it).")
  String model;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description =
          "Only windows starting at or after TIME: ISO-8601 (2026-11-28T10:00:00Z, 2026-11-28) "
              + "or a duration back from now (24h, 7d).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "Only windows starting before TIME (same forms as --from).")
  String to;

  @Option(
      names = "--timeout",
      defaultValue = "15s",
      paramLabel = "DURATION",
      description = "How long to wait for Kafka to answer (default: ${DEFAULT-VALUE}).")
  String timeout;

  Instant from(Instant now) {
    return from == null ? null : TimeBound.parse("--from", from, now);
  }

  Instant to(Instant now) {
    return to == null ? null : TimeBound.parse("--to", to, now);
  }

  Duration timeout() {
    return UsageException.duration("--timeout", timeout);
  }

  /** "for model M between A and B", for messages. */
  String describe(Instant now) {
    StringBuilder s =
        new StringBuilder(model == null ? "for any model" : "for model '" + model + "'");
    if (from != null) {
      s.append(" from ").append(from(now));
    }
    if (to != null) {
      s.append(" before ").append(to(now));
    }
    return s.toString();
  }
}
