package dev.modelmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.ui.AlertCause.Kind;
import org.junit.jupiter.api.Test;

class AlertCauseTest {
  @Test
  void everyDefaultRuleMetricLeadsToWhereItsCauseIsShown() {
    assertThat(Kind.of("error_rate")).isEqualTo(Kind.ERRORS);
    assertThat(Kind.of("latency_p99_ms")).isEqualTo(Kind.LATENCY);
    assertThat(Kind.of("change:latency_ms")).isEqualTo(Kind.LATENCY);
    assertThat(Kind.of("silence_s")).isEqualTo(Kind.INSTANCES);
    assertThat(Kind.of("state")).isEqualTo(Kind.INSTANCES);
    assertThat(Kind.of("version_change")).isEqualTo(Kind.INSTANCES);
    assertThat(Kind.of("drift_share")).isEqualTo(Kind.DRIFT);
    assertThat(Kind.of("drift:temp")).isEqualTo(Kind.DRIFT);
    assertThat(Kind.of("prediction_drift")).isEqualTo(Kind.PREDICTION_DRIFT);
    assertThat(Kind.of("missing_rate:*")).isEqualTo(Kind.MISSING_VALUES);
    assertThat(Kind.of("throughput")).isEqualTo(Kind.THROUGHPUT);
    assertThat(Kind.of("change:error_rate")).isEqualTo(Kind.ERRORS);
    assertThat(Kind.of("cpu_cores")).isEqualTo(Kind.OTHER);
  }
}
