package dev.modelmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowRingTest {
  private static List<Long> starts(WindowRing ring, long now, long window) {
    List<Long> starts = new ArrayList<>();
    ring.forEach(now, window, b -> starts.add(b.start));
    return starts;
  }

  @Test
  void aWindowIsTheBucketsUpToTheCurrentOne() {
    WindowRing ring = new WindowRing(1000, 10);
    for (long t = 0; t < 20_000; t += 500) {
      ring.bucketFor(t, t).count++;
    }
    assertThat(starts(ring, 19_999, 10_000)).containsExactly(
        10_000L, 11_000L, 12_000L, 13_000L, 14_000L, 15_000L, 16_000L, 17_000L, 18_000L, 19_000L);
    assertThat(starts(ring, 19_999, 3_000)).containsExactly(17_000L, 18_000L, 19_000L);
    assertThat(ring.windowStart(19_999, 10_000)).isEqualTo(10_000L);
    // The clock moved on without events: old buckets leave the window.
    assertThat(starts(ring, 25_000, 10_000)).containsExactly(16_000L, 17_000L, 18_000L, 19_000L);
  }

  @Test
  void lateEventsCountInTheirBucketOrNotAtAll() {
    WindowRing ring = new WindowRing(1000, 10);
    ring.bucketFor(20_500, 20_500).count++;
    ring.bucketFor(15_200, 20_500).count++;
    assertThat(ring.bucketFor(10_999, 20_500)).isNull();
    assertThat(ring.bucketFor(11_000, 20_500)).isNotNull();
    assertThat(starts(ring, 20_500, 10_000)).containsExactly(11_000L, 15_000L, 20_000L);
  }

  @Test
  void growsAndShrinksKeepingWhatFits() {
    WindowRing ring = new WindowRing(1000, 5);
    for (long t = 0; t < 5000; t += 1000) {
      ring.bucketFor(t, t).count++;
    }
    ring.resize(10);
    assertThat(starts(ring, 4_000, 10_000)).containsExactly(0L, 1_000L, 2_000L, 3_000L, 4_000L);
    ring.resize(2);
    assertThat(starts(ring, 4_000, 10_000)).containsExactly(3_000L, 4_000L);
  }

  @Test
  void bucketWidthFollowsTheWindow() {
    AlertsSettings s = AlertsSettings.defaults();
    assertThat(s.bucketWidth(java.time.Duration.ofSeconds(10), false).toMillis()).isEqualTo(1000);
    assertThat(s.bucketWidth(java.time.Duration.ofMinutes(1), false).toMillis()).isEqualTo(1000);
    assertThat(s.bucketWidth(java.time.Duration.ofSeconds(90), false).toMillis()).isEqualTo(2000);
    assertThat(s.bucketWidth(java.time.Duration.ofMinutes(15), false).toMillis()).isEqualTo(15_000);
    assertThat(s.bucketWidth(java.time.Duration.ofHours(1), false).toMillis()).isEqualTo(60_000);
    assertThat(s.bucketWidth(java.time.Duration.ofMinutes(15), true).toMillis()).isEqualTo(60_000);
    assertThat(s.bucketWidth(java.time.Duration.ofSeconds(10), true).toMillis()).isEqualTo(1000);
  }
}
