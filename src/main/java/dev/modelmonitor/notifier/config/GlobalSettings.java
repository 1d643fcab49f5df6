package dev.modelmonitor.notifier.config;

import java.time.Duration;

/**
 * Settings every receiver inherits unless it sets its own.
 *
 * @param repeatInterval how often a still-firing alert is sent again (zero: never)
 * @param groupWait how long alerts for the same model and receiver are gathered into one message
 *     (zero: one message per alert)
 * @param timeout how long one delivery attempt may take
 * @param retry the retry policy
 * @param stateLookback how far back the alerts topic is read at start to learn which alerts are
 *     still firing (for repeats)
 */
public record GlobalSettings(
    Duration repeatInterval,
    Duration groupWait,
    Duration timeout,
    RetryPolicy retry,
    Duration stateLookback) {

  public static final GlobalSettings DEFAULT =
      new GlobalSettings(
          Duration.ofHours(4), Duration.ZERO, Duration.ofSeconds(10), RetryPolicy.DEFAULT,
          Duration.ofDays(7));
}
