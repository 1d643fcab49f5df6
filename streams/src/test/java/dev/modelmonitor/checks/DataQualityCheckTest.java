package dev.modelmonitor.checks;

import static dev.modelmonitor.checks.References.concat;
import static dev.modelmonitor.checks.References.range;
import static dev.modelmonitor.checks.References.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataQualityCheckTest {
  @TempDir Path stateDir;
  private ChecksDriver checks;

  @BeforeEach
  void start() {
    checks = new ChecksDriver(ChecksSettings.defaults(), stateDir);
  }

  @AfterEach
  void close() {
    checks.close();
  }

  private void sendReference() {
    checks.send(new References()
        .numeric("x", range(0, 200))
        .categorical("color", concat(repeat("red", 100), repeat("blue", 100)))
        .numeric("z", range(0, 200))
        .build("m", checks.now().minusSeconds(60)));
  }

  @Test
  void findsMissingValuesWrongTypesOutOfRangeUnseenCategoriesAndUnexpectedFeatures() {
    sendReference();
    for (int i = 0; i < 100; i++) {
      Map<String, Object> features = new HashMap<>();
      features.put("x", i < 10 ? 250.0 : (double) i);
      features.put("color", i < 5 ? "green" : i % 2 == 0 ? "red" : "blue");
      features.put("z", i < 20 ? null : i < 23 ? "oops" : (Object) (double) i);
      features.put("w", 1L);
      checks.send(checks.prediction("m", features).build());
    }

    CheckResult result = checks.ask(checks.request("m", CheckType.DATA_QUALITY).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.WARN);
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus,
            CheckFinding::getThreshold, CheckFinding::getMessage)
        .containsExactly(
            tuple("out_of_range_rate:x", CheckStatus.WARN, 0.05,
                "10% of x values outside the reference range [0, 199] (now 10 to 250)"),
            tuple("unseen_category_rate:color", CheckStatus.WARN, 0.01,
                "5% of color values in categories the reference lacks: green 5"),
            tuple("missing_rate:z", CheckStatus.WARN, 0.05,
                "20% of z values missing, reference 0% (allowed increase 5%)"),
            tuple("type_mismatch_rate:z", CheckStatus.WARN, 0.0,
                "3% of z values of the wrong type for a numeric feature (3)"),
            tuple("unexpected_features", CheckStatus.WARN, 0.0,
                "features not in the reference: w"));
    // The share outside the range comes from the minute's sketch: exact up to rounding.
    assertThat(result.getFindings()).extracting(CheckFinding::getValue)
        .satisfiesExactly(
            v -> assertThat(v).isCloseTo(0.1, within(1e-12)),
            v -> assertThat(v).isEqualTo(0.05),
            v -> assertThat(v).isEqualTo(0.2),
            v -> assertThat(v).isEqualTo(0.03),
            v -> assertThat(v).isEqualTo(1.0));
  }

  @Test
  void featureThresholdsOverrideGlobalOnes() {
    sendReference();
    for (int i = 0; i < 100; i++) {
      checks.send(checks.prediction("m", Map.of("x", i < 10 ? 250.0 : (double) i,
          "color", "red", "z", 1.0)).build());
    }

    CheckResult result = checks.ask(checks.request("m", CheckType.DATA_QUALITY)
        .setThresholds(Map.of("x.out_of_range_rate", 0.2)).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.PASS);
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getValue,
            CheckFinding::getMessage)
        .containsExactly(tuple("features", CheckStatus.PASS, 3.0, "3 features within thresholds "
            + "over 100 predictions: missing values, types, ranges, categories"));
  }

  @Test
  void withoutAReferenceOnlyMissingRatesAreJudged() {
    for (int i = 0; i < 10; i++) {
      Map<String, Object> features = new HashMap<>();
      features.put("a", i == 0 ? null : (Object) 1.0);
      features.put("b", "x");
      checks.send(checks.prediction("m", features).build());
    }

    CheckResult result = checks.ask(checks.request("m", CheckType.DATA_QUALITY).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.WARN);
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getValue,
            CheckFinding::getThreshold, CheckFinding::getMessage)
        .containsExactly(tuple("missing_rate:a", CheckStatus.WARN, 0.1, 0.05,
            "10% of a values missing, reference 0% (allowed increase 5%)"));
  }
}
