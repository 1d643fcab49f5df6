package dev.modelmonitor.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

  @Test
  void backoffDoublesPerAttemptUpToTheMaximum() {
    // random 0.5 is the middle of the jitter band: no spread.
    assertThat(policy.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.backoff(5, 0.5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.backoff(6, 0.5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.backoff(60, 0.5)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterSpreadsEachWaitByTheConfiguredFraction() {
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(3200));
    assertThat(policy.backoff(3, 0.999999)).isEqualTo(Duration.ofMillis(4800));
    // ... but never beyond the maximum.
    assertThat(policy.backoff(6, 0.999999)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.backoff(6, 0.0)).isEqualTo(Duration.ofSeconds(24));
  }

  @Test
  void nonsenseIsRefusedWithTheValue() {
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1), 0))
        .hasMessage("backoffs must satisfy 0 <= initial_backoff <= max_backoff but were PT5S and PT1S");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1.5))
        .hasMessage("jitter must be within [0, 1] but was 1.5");
  }
}
