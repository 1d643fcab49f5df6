package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBoundTest {
  static final Instant NOW = Instant.parse("2026-11-28T10:30:00Z");

  @Test
  void readsIsoTimesWithOrWithoutOffsetAndDates() {
    assertThat(TimeBound.parse("--from", "2026-11-28T10:00:00Z", NOW))
        .isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(TimeBound.parse("--from", "2026-11-28T12:00:00+02:00", NOW))
        .isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(TimeBound.parse("--from", "2026-11-28T10:00", NOW))
        .isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(TimeBound.parse("--from", "2026-11-28", NOW))
        .isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
  }

  @Test
  void readsTimesAsReportsListPrintsThem() {
    assertThat(TimeBound.parse("--window-start", "2012-07-19 00:00 UTC", NOW))
        .isEqualTo(Instant.parse("2012-07-19T00:00:00Z"));
    assertThat(TimeBound.parse("--window-start", "2012-07-19 00:00:30 UTC", NOW))
        .isEqualTo(Instant.parse("2012-07-19T00:00:30Z"));
  }

  @Test
  void readsDurationsBackFromNowAndNow() {
    assertThat(TimeBound.parse("--from", "24h", NOW))
        .isEqualTo(Instant.parse("2026-11-27T10:30:00Z"));
    assertThat(TimeBound.parse("--from", "90m", NOW))
        .isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
    assertThat(TimeBound.parse("--to", "now", NOW)).isEqualTo(NOW);
  }

  @Test
  void namesTheOptionAndTheFormsWhenItCannotRead() {
    assertThatThrownBy(() -> TimeBound.parse("--to", "yesterday", NOW))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--to must be an ISO-8601 time (2026-11-28T10:00:00Z, 2026-11-28T10:00, 2026-11-28),"
                + " a time as reports list prints it (2026-11-28 10:00 UTC), now, or a duration"
                + " back from now (30m, 24h, 7d) but was 'yesterday'");
    assertThatThrownBy(() -> TimeBound.parse("--from", "24x", NOW))
        .hasMessageStartingWith("--from must be");
  }
}
