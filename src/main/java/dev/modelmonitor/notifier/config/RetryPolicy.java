package dev.modelmonitor.notifier.config;

import java.time.Duration;

/**
 * How often and how patiently a delivery is retried: exponential backoff from {@code
 * initialBackoff}, doubled per attempt up to {@code maxBackoff}, each wait spread by ±{@code
 * jitter} (a fraction) so that many notifiers do not retry in lockstep.
 *
 * @param maxAttempts attempts in total, the first included (1 = no retry)
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max_attempts must be at least 1 but was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoffs must satisfy 0 <= initial_backoff <= max_backoff but were "
              + initialBackoff + " and " + maxBackoff);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within [0, 1] but was " + jitter);
    }
  }

  /**
   * The wait before attempt {@code failedAttempts + 1}.
   *
   * @param failedAttempts attempts made so far (1 after the first failure)
   * @param random a uniform draw in [0, 1)
   */
  public Duration backoff(int failedAttempts, double random) {
    double base = initialBackoff.toMillis() * Math.pow(2, Math.max(0, failedAttempts - 1));
    double capped = Math.min(base, maxBackoff.toMillis());
    double spread = capped * (1 + jitter * (2 * random - 1));
    return Duration.ofMillis(Math.round(Math.min(spread, maxBackoff.toMillis())));
  }
}
