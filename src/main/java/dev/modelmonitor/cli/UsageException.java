package dev.modelmonitor.cli;

import dev.modelmonitor.streams.Durations;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A command was given a bad option value or a wrong combination of options: exit code 2 ("usage
 * error", as picocli exits on an unknown or missing option), where a failure of the work itself
 * (unreachable broker, bad CSV content) exits 1. {@link CliExceptionHandler} prints it.
 */
final class UsageException extends IllegalArgumentException {
  UsageException(String message) {
    super(message);
  }

  /** Parses an option's value, turning the parser's complaint into a usage error. */
  static <T> T parsing(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (UsageException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The duration {@code text} given to {@code option} (30s, 5m, 1h, 7d). */
  static Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }
}
