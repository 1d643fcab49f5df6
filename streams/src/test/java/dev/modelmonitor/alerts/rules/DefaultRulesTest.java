package dev.modelmonitor.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultRulesTest {
  @Test
  void theShippedRulesAreValidAndWatchEveryModel() {
    List<Rule> rules = DefaultRules.load();
    assertThat(rules).extracting(Rule::id).containsExactly(
        "default-error-rate",
        "default-latency-p99",
        "default-latency-shift",
        "default-silence",
        "default-failed",
        "default-degraded",
        "default-data-drift",
        "default-prediction-drift",
        "default-missing-values",
        "default-version-change");
    assertThat(rules).allSatisfy(r -> {
      assertThat(r.model()).isEqualTo(Rule.ANY_MODEL);
      assertThat(r.enabled()).isTrue();
      assertThat(r.summary()).isNotBlank();
    });
    assertThat(DefaultRules.text()).startsWith("# model-monitor default alert rules.");
  }
}
