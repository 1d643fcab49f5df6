package dev.modelmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentNumbersTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:40Z");

  @Test
  void coversTheCompleteMinutesOfTheSpanOnly() {
    List<MinutePoint> points =
        List.of(
            new MinutePoint(Instant.parse("2026-11-28T11:57:00Z"), 100, 0, 10.0, 40.0, 0.2),
            new MinutePoint(Instant.parse("2026-11-28T11:58:00Z"), 90, 0, 10.0, 40.0, null),
            new MinutePoint(Instant.parse("2026-11-28T11:59:00Z"), 110, 30, 12.0, 90.0, 0.5),
            new MinutePoint(Instant.parse("2026-11-28T12:00:00Z"), 20, 20, 50.0, 500.0, 0.75),
            new MinutePoint(Instant.parse("2026-11-28T11:50:00Z"), 1000, 1000, 9.0, 900.0, 0.1));

    RecentNumbers r = RecentNumbers.of(points, NOW, Duration.ofMinutes(3));

    assertThat(r.perMinute()).isCloseTo(100.0, within(1e-12));
    assertThat(r.errorRate()).isCloseTo(0.1, within(1e-12));
    assertThat(r.latencyP99Ms()).isEqualTo(90.0);
    assertThat(r.driftShare()).as("the latest drift share, in progress or not").isEqualTo(0.75);
  }

  @Test
  void withoutEventsRatesAreUnknownNotZero() {
    RecentNumbers r = RecentNumbers.of(List.of(), NOW, Duration.ofMinutes(5));

    assertThat(r.perMinute()).isEqualTo(0.0);
    assertThat(r.errorRate()).isNull();
    assertThat(r.latencyP99Ms()).isNull();
    assertThat(r.driftShare()).isNull();
  }
}
