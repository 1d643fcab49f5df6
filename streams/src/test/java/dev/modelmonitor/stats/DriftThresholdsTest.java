package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftThresholdsTest {

  @Test
  void defaultsAreThoseOfDesignSectionFive() {
    DriftThresholds.FeatureThresholds t = DriftThresholds.defaults().forFeature("any");
    assertThat(t).isEqualTo(new DriftThresholds.FeatureThresholds(0.05, 0.1, 0.05, 0.1, 0.2,
        1000));
    assertThat(DriftThresholds.defaults().datasetDriftShare()).isEqualTo(0.5);
  }

  @Test
  void featureKeysOverrideOnlyThatFeatureAndGlobalKeysAllOthers() {
    DriftThresholds t = DriftThresholds.defaults().withOverrides(Map.of(
        "jensen_shannon", 0.2, "weather.sit.jensen_shannon", 0.3, "weather.sit.psi", 0.25));
    assertThat(t.forFeature("weather.sit").jsDistance()).isEqualTo(0.3);
    assertThat(t.forFeature("weather.sit").psi()).isEqualTo(0.25);
    assertThat(t.forFeature("season").jsDistance()).isEqualTo(0.2);
    assertThat(t.forFeature("season").psi()).isEqualTo(0.2);
    assertThat(t.withOverrides(Map.of("season.ks", 0.01)).forFeature("weather.sit").jsDistance())
        .isEqualTo(0.3);
  }

  @Test
  void unknownKeysAndOutOfRangeValuesAreRefusedNamingTheKey() {
    DriftThresholds d = DriftThresholds.defaults();
    assertThatThrownBy(() -> d.withOverrides(Map.of("kss", 0.1)))
        .hasMessageStartingWith("unknown drift threshold 'kss': use one of [ks, ");
    assertThatThrownBy(() -> d.withOverrides(Map.of("temp.dataset_drift_share", 0.1)))
        .hasMessageStartingWith("unknown drift threshold 'temp.dataset_drift_share'");
    assertThatThrownBy(() -> d.withOverrides(Map.of("temp.ks", 1.5)))
        .hasMessage("drift threshold 'temp.ks' must be a p-value in (0, 1) but was 1.5");
    assertThatThrownBy(() -> d.withOverrides(Map.of("small_reference_size", 10.5)))
        .hasMessage("drift threshold 'small_reference_size' must be a whole number >= 0 but was "
            + "10.5");
    assertThatThrownBy(() -> d.withOverrides(Map.of("wasserstein_normed", -1.0)))
        .hasMessageContaining("must be a finite number >= 0 but was -1.0");
  }
}
