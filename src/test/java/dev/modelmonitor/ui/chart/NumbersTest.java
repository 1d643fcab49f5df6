package dev.modelmonitor.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void formatsWithThreeSignificantDigitsAndSuffixes() {
    assertThat(Numbers.format(0)).isEqualTo("0");
    assertThat(Numbers.format(0.123456)).isEqualTo("0.123");
    assertThat(Numbers.format(12)).isEqualTo("12");
    assertThat(Numbers.format(9999)).isEqualTo("10000");
    assertThat(Numbers.format(51234.5)).isEqualTo("51.2k");
    assertThat(Numbers.format(-2_500_000)).isEqualTo("-2.5M");
    assertThat(Numbers.format(3.2e9)).isEqualTo("3.2G");
  }

  @Test
  void formatsSharesAsPercentages() {
    assertThat(Numbers.percent(0.5833333)).isEqualTo("58.3%");
    assertThat(Numbers.percent(0.05)).isEqualTo("5%");
    assertThat(Numbers.percent(0.0123)).isEqualTo("1.23%");
    assertThat(Numbers.percent(0.0000123)).isEqualTo("0.0012%");
    assertThat(Numbers.percent(1)).isEqualTo("100%");
    assertThat(Numbers.percent(0)).isEqualTo("0%");
  }

  @Test
  void keepsNeighbouringEdgesDistinct() {
    assertThat(Numbers.formatDistinct(List.of(0.1001, 0.1002, 0.2)))
        .containsExactly("0.1001", "0.1002", "0.2");
  }

  @Test
  void formatsPValuesAndCounts() {
    assertThat(Numbers.pValue(0.0312)).isEqualTo("0.0312");
    assertThat(Numbers.pValue(3.2e-12)).isEqualTo("3.2e-12");
    assertThat(Numbers.count(17379)).isEqualTo("17,379");
  }
}
