package dev.modelmonitor.checks;

import static dev.modelmonitor.checks.References.concat;
import static dev.modelmonitor.checks.References.range;
import static dev.modelmonitor.checks.References.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.DriftCalculator;
import dev.modelmonitor.stats.FeatureDrift;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCheckTest {
  @TempDir Path stateDir;
  private ChecksDriver checks;
  private ReferenceProfile reference;

  @BeforeEach
  void start() {
    checks = new ChecksDriver(ChecksSettings.defaults(), stateDir);
    reference = new References()
        .numeric("x", range(0, 200))
        .numeric("y", range(0, 200))
        .categorical("color", concat(repeat("red", 100), repeat("blue", 100)))
        .prediction(concat(repeat("yes", 100), repeat("no", 100)))
        .build("m", checks.now().minusSeconds(60));
  }

  @AfterEach
  void close() {
    checks.close();
  }

  /** x moves up, y keeps its distribution, color turns all red, predictions all yes. */
  private void sendDriftedTraffic() {
    for (int i = 0; i < 100; i++) {
      if (i == 50) {
        checks.advance(Duration.ofMinutes(1)); // two minutes, merged by the check
      }
      checks.send(checks.prediction("m", Map.of("x", 100.0 + i, "y", 2.0 * i, "color", "red"))
          .setPrediction("yes").build());
    }
  }

  /** The drift of the traffic above computed directly, as the oracle. */
  private FeatureDrift expected(String feature) {
    Profile referenceProfile = feature.equals("prediction")
        ? Profile.fromAvro(reference.getPrediction())
        : Profile.fromAvro(reference.getFeatures().stream()
            .filter(f -> f.getName().equals(feature)).findFirst().orElseThrow());
    Profile window;
    if (referenceProfile instanceof NumericProfile numeric) {
      NumericProfile w = NumericProfile.create(numeric.binEdges());
      for (int i = 0; i < 100; i++) {
        w.update(feature.equals("x") ? 100.0 + i : 2.0 * i);
      }
      window = w;
    } else {
      CategoricalProfile w = CategoricalProfile.create();
      for (int i = 0; i < 100; i++) {
        w.update(feature.equals("color") ? "red" : "yes");
      }
      window = w;
    }
    return DriftCalculator.withDefaults().compare(feature, referenceProfile, window);
  }

  @Test
  void warnsPerDriftedFeatureAndFailsOnDatasetDrift() {
    checks.send(reference);
    sendDriftedTraffic();

    CheckResult result = checks.ask(checks.request("m", CheckType.DRIFT).build());

    FeatureDrift x = expected("x");
    FeatureDrift y = expected("y");
    FeatureDrift color = expected("color");
    FeatureDrift prediction = expected("prediction");
    assertThat(x.drifted()).isTrue();
    assertThat(y.drifted()).isFalse();
    assertThat(color.drifted()).isTrue();
    assertThat(result.getStatus()).isEqualTo(CheckStatus.FAIL);
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getValue,
            CheckFinding::getThreshold)
        .containsExactly(
            tuple("drift:x", CheckStatus.WARN, x.score(), 0.05),
            tuple("drift:color", CheckStatus.WARN, color.score(), 0.05),
            tuple("drift:y", CheckStatus.PASS, y.score(), 0.05),
            tuple("prediction_drift", CheckStatus.WARN, prediction.score(), 0.05),
            tuple("drift_share", CheckStatus.FAIL, 2.0 / 3, 0.5));
    assertThat(result.getFindings()).extracting(CheckFinding::getMessage).containsExactly(
        "drifted: KS p-value " + Findings.num(x.score()) + " < 0.05; PSI "
            + Findings.num(x.statistics().psi()),
        "drifted: chi-square p-value " + Findings.num(color.score()) + " < 0.05; PSI "
            + Findings.num(color.statistics().psi()),
        "no drift: KS p-value " + Findings.num(y.score()) + " >= 0.05; PSI "
            + Findings.num(y.statistics().psi()),
        "drifted: chi-square p-value " + Findings.num(prediction.score()) + " < 0.05; PSI "
            + Findings.num(prediction.statistics().psi()),
        "2 of 3 features drifted (66.67% >= 50%): x, color over 100 predictions");
  }

  @Test
  void theModelsAndTheRequestsThresholdsApply() {
    checks.send(ReferenceProfile.newBuilder(reference)
        .setDriftThresholds(Map.of("dataset_drift_share", 0.9)).build());
    sendDriftedTraffic();

    CheckResult modelThresholds = checks.ask(checks.request("m", CheckType.DRIFT).build());
    CheckResult requestThresholds = checks.ask(checks.request("m", CheckType.DRIFT)
        .setThresholds(Map.of("x.ks", 1e-300, "dataset_drift_share", 0.3)).build());

    assertThat(modelThresholds.getStatus()).isEqualTo(CheckStatus.WARN);
    assertThat(modelThresholds.getFindings()).last()
        .extracting(CheckFinding::getStatus, CheckFinding::getThreshold)
        .containsExactly(CheckStatus.PASS, 0.9);
    assertThat(requestThresholds.getStatus()).isEqualTo(CheckStatus.FAIL);
    assertThat(requestThresholds.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getThreshold)
        .containsExactly(
            tuple("drift:color", CheckStatus.WARN, 0.05),
            tuple("drift:x", CheckStatus.PASS, 1e-300),
            tuple("drift:y", CheckStatus.PASS, 0.05),
            tuple("prediction_drift", CheckStatus.WARN, 0.05),
            tuple("drift_share", CheckStatus.FAIL, 0.3));
  }

  @Test
  void withoutAReferenceDriftIsNoData() {
    sendDriftedTraffic();

    CheckResult result = checks.ask(checks.request("m", CheckType.DRIFT).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.NO_DATA);
    assertThat(result.getFindings()).extracting(CheckFinding::getMessage).containsExactly(
        "no reference profile for m; publish one: model-monitor reference publish --model m "
            + "--csv FILE");
  }

  @Test
  void minutesProfiledBeforeTheReferenceArrivedAreLeftOut() {
    sendDriftedTraffic(); // two minutes without a reference
    checks.advance(Duration.ofMinutes(1));
    checks.send(reference);

    CheckResult before = checks.ask(checks.request("m", CheckType.DRIFT).build());
    for (int i = 0; i < 100; i++) {
      checks.send(checks.prediction("m", Map.of("x", 100.0 + i, "y", 2.0 * i, "color", "red"))
          .setPrediction("yes").build());
    }
    CheckResult after = checks.ask(checks.request("m", CheckType.DRIFT).build());

    assertThat(before.getStatus()).isEqualTo(CheckStatus.NO_DATA);
    assertThat(before.getFindings()).extracting(CheckFinding::getMessage).containsExactly(
        "the 2 minutes with predictions were profiled before the current reference arrived; "
            + "drift needs traffic since then");
    assertThat(after.getFindings()).last().extracting(CheckFinding::getMessage)
        .isEqualTo("2 of 3 features drifted (66.67% >= 50%): x, color over 100 predictions; 2 "
            + "minutes profiled against an earlier reference left out");
    assertThat(after.getFindings()).first().extracting(CheckFinding::getValue)
        .isEqualTo(expected("x").score());
  }

  @Test
  void anAnswerAfterANewReferenceComparesWithTheNewReference() {
    checks.send(reference);
    sendDriftedTraffic();
    CheckResult first = checks.ask(checks.request("m", CheckType.DRIFT).build());
    checks.advance(Duration.ofMinutes(1));
    // x's new reference is where the traffic went: x no longer drifts.
    reference = new References()
        .numeric("x", range(100, 200))
        .numeric("y", range(0, 200))
        .categorical("color", concat(repeat("red", 100), repeat("blue", 100)))
        .prediction(concat(repeat("yes", 100), repeat("no", 100)))
        .build("m", checks.now());
    checks.send(reference);
    sendDriftedTraffic();

    CheckResult second = checks.ask(checks.request("m", CheckType.DRIFT).build());

    assertThat(first.getFindings()).first().extracting(CheckFinding::getMetric,
        CheckFinding::getStatus).containsExactly("drift:x", CheckStatus.WARN);
    FeatureDrift x = expected("x");
    assertThat(x.drifted()).isFalse();
    assertThat(second.getFindings())
        .filteredOn(f -> f.getMetric().equals("drift:x"))
        .extracting(CheckFinding::getStatus, CheckFinding::getValue)
        .containsExactly(tuple(CheckStatus.PASS, x.score()));
  }
}
