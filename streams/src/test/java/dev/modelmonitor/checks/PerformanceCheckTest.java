package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import dev.modelmonitor.schema.PredictionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceCheckTest {
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

  @Test
  void classificationAccuracyFromJoinedLabelsFailsBelowItsMinimum() {
    // The first label tells the checks that this model gets labels; later predictions wait.
    checks.send(checks.label("m", "before-any-prediction", "cat"));
    String[] predicted = {"cat", "dog", "cat", "cat", "1"};
    Object[] actual = {"cat", "cat", "cat", "dog", 1L};
    String[] ids = new String[predicted.length];
    for (int i = 0; i < predicted.length; i++) {
      PredictionEvent p = checks.prediction("m", Map.of()).setPrediction(predicted[i]).build();
      ids[i] = p.getRequestId();
      checks.send(p);
    }
    checks.advance(Duration.ofMinutes(3));
    for (int i = 0; i < predicted.length; i++) {
      checks.send(checks.label("m", ids[i], actual[i]));
    }
    checks.send(checks.label("m", ids[0], "cat")); // a second label for the same request

    CheckResult result = checks.ask(checks.request("m", CheckType.PERFORMANCE)
        .setThresholds(Map.of(CheckThresholds.ACCURACY_MIN, 0.7)).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.FAIL);
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getValue,
            CheckFinding::getThreshold, CheckFinding::getMessage)
        .containsExactly(
            tuple("labelled", CheckStatus.PASS, 5.0, null,
                "5 predictions labelled; 2 labels without their prediction"),
            tuple("accuracy", CheckStatus.FAIL, 0.6, 0.7,
                "accuracy 60% over 5 labelled predictions < 70%"));
  }

  @Test
  void regressionErrorsWhenValuesAreFractional() {
    checks.send(checks.label("m", "first", 0.0));
    double[] predicted = {1.5, 2.0, 4.0};
    double[] actual = {1.0, 3.0, 4.0};
    for (int i = 0; i < predicted.length; i++) {
      PredictionEvent p = checks.prediction("m", Map.of()).setPrediction(predicted[i]).build();
      checks.send(p);
      checks.send(checks.label("m", p.getRequestId(), actual[i]));
    }

    CheckResult result = checks.ask(checks.request("m", CheckType.PERFORMANCE)
        .setThresholds(Map.of(CheckThresholds.MAE_MAX, 1.0)).build());

    // errors 0.5, -1, 0: MAE 0.5, RMSE sqrt(1.25 / 3), bias -0.5 / 3
    assertThat(result.getStatus()).isEqualTo(CheckStatus.PASS);
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getValue,
            CheckFinding::getThreshold)
        .containsExactly(
            tuple("labelled", CheckStatus.PASS, 3.0, null),
            tuple("mae", CheckStatus.PASS, 0.5, 1.0),
            tuple("rmse", CheckStatus.PASS, Math.sqrt(1.25 / 3), null),
            tuple("bias", CheckStatus.PASS, -0.5 / 3, null));
    assertThat(result.getFindings()).extracting(CheckFinding::getMessage).containsExactly(
        "3 predictions labelled; 1 labels without their prediction",
        "MAE 0.5 over 3 labelled predictions <= 1",
        "RMSE 0.6455 over 3 labelled predictions (no rmse_max set)",
        "mean error (prediction - actual) -0.1667");
  }

  @Test
  void noLabelsIsNoData() {
    checks.send(checks.prediction("m", Map.of()).setPrediction("cat").build());

    CheckResult result = checks.ask(checks.request("m", CheckType.PERFORMANCE).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.NO_DATA);
    assertThat(result.getFindings()).extracting(CheckFinding::getMetric, CheckFinding::getMessage)
        .containsExactly(tuple("labelled", "no labels joined their predictions in the lookback"));
  }
}
