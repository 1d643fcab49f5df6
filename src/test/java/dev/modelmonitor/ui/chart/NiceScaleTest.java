package dev.modelmonitor.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NiceScaleTest {
  @Test
  void widensToRoundTicks() {
    NiceScale s = NiceScale.of(0, 0.37, 5);

    assertThat(s).isEqualTo(new NiceScale(0, 0.4, 0.1));
    assertThat(s.ticks()).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4);
  }

  @Test
  void usesStepsOfOneTwoTwoAndAHalfAndFive() {
    assertThat(NiceScale.of(0, 9, 5).step()).isEqualTo(2.5);
    assertThat(NiceScale.of(0, 7, 5).step()).isEqualTo(2);
    assertThat(NiceScale.of(13, 87, 5)).isEqualTo(new NiceScale(0, 100, 20));
    assertThat(NiceScale.of(-3, 3, 7).ticks())
        .containsExactly(-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0);
  }

  @Test
  void givesAFlatSeriesARange() {
    assertThat(NiceScale.of(0, 0, 5).ticks()).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
    assertThat(NiceScale.of(10, 10, 5).fraction(10)).isBetween(0.0, 1.0);
  }

  @Test
  void refusesRangesThatAreNotFinite() {
    assertThatThrownBy(() -> NiceScale.of(0, Double.NaN, 5))
        .hasMessage("axis range must be finite but was [0.0, NaN]");
  }
}
