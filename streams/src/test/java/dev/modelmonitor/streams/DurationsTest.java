package dev.modelmonitor.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsTheFormsPeopleWrite() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse(" PT2S ")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void formatsBackToTheShortForm() {
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void refusesWhatIsNotADurationAndSaysWhatToWrite() {
    assertThatThrownBy(() -> Durations.parse("10 minutes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'10 minutes' is not a duration; write e.g. 500ms, 30s, 15m, 1h, 30d or 1h30m");
    assertThatThrownBy(() -> Durations.parse("5"))
        .hasMessageContaining("'5' is not a duration");
    assertThatThrownBy(() -> Durations.parse(""))
        .hasMessageContaining("must not be empty");
  }
}
