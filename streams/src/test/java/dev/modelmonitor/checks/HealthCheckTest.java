package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCheckTest {
  @TempDir Path stateDir;
  private ChecksDriver checks;

  @AfterEach
  void close() {
    checks.close();
  }

  @Test
  void passesWithAReadyInstanceAFreshHeartbeatAndFewErrors() {
    checks = new ChecksDriver(ChecksSettings.defaults(), stateDir);
    checks.send(checks.lifecycle("m", "pod-a", LifecycleState.READY, null));
    checks.send(checks.heartbeat("m", "pod-a", 10_000));
    for (int i = 0; i < 100; i++) {
      boolean failed = i < 3;
      checks.send(checks.prediction("m", Map.of("x", (double) i))
          .setOutcome(failed ? Outcome.ERROR : Outcome.OK)
          .setError(failed ? "ValueError" : null)
          .build());
    }
    checks.advance(Duration.ofSeconds(5));

    CheckResult result = checks.ask(checks.request("m", CheckType.HEALTH).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.PASS);
    assertThat(result.getMessage()).isEqualTo("PASS: HEALTH PASS");
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getValue,
            CheckFinding::getThreshold, CheckFinding::getMessage)
        .containsExactly(
            tuple("ready_instances", CheckStatus.PASS, 1.0, null,
                "1 of 1 live instances ready: pod-a (v1) READY"),
            tuple("heartbeat_age_s", CheckStatus.PASS, 5.0, 30.0,
                "newest heartbeat 5 s old, from pod-a (<= 30 s)"),
            tuple("error_rate", CheckStatus.PASS, 0.03, 0.05,
                "3% of 100 predictions not OK (ERROR 3); top errors: ValueError 3"),
            tuple("model_versions", CheckStatus.PASS, 1.0, null, "versions served: v1 100%"));
    assertThat(result.getAnsweredAt()).isEqualTo(checks.now());
    assertThat(result.getWindowEnd()).isEqualTo(checks.now());
    assertThat(result.getWindowStart()).isEqualTo(java.time.Instant.parse("2025-03-01T11:45:00Z"));
  }

  @Test
  void failsOnAFailedInstanceAStaleHeartbeatAndAnErrorBurst() {
    checks = new ChecksDriver(ChecksSettings.defaults(), stateDir);
    checks.send(checks.lifecycle("m", "pod-a", LifecycleState.READY, null));
    checks.send(checks.heartbeat("m", "pod-a", 10_000));
    checks.send(checks.lifecycle("m", "pod-b", LifecycleState.FAILED, "OOMKilled"));
    for (int i = 0; i < 10; i++) {
      checks.send(checks.prediction("m", Map.of())
          .setOutcome(i < 2 ? Outcome.TIMEOUT : Outcome.OK).build());
    }
    checks.advance(Duration.ofSeconds(45));

    CheckResult result = checks.ask(checks.request("m", CheckType.HEALTH).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.FAIL);
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getValue,
            CheckFinding::getThreshold, CheckFinding::getMessage)
        .containsExactly(
            tuple("lifecycle", CheckStatus.FAIL, null, null,
                "instance pod-b (v1) FAILED since 2025-03-01T12:00:30Z (45s ago): OOMKilled"),
            tuple("ready_instances", CheckStatus.WARN, 1.0, null,
                "1 of 2 live instances ready: pod-a (v1) READY"),
            tuple("heartbeat_age_s", CheckStatus.FAIL, 45.0, 30.0,
                "newest heartbeat 45 s old, from pod-a (> 30 s)"),
            tuple("error_rate", CheckStatus.FAIL, 0.2, 0.05,
                "20% of 10 predictions not OK (TIMEOUT 2); top errors: TIMEOUT 2"),
            tuple("model_versions", CheckStatus.PASS, 1.0, null, "versions served: v1 100%"));
  }

  @Test
  void aRequestThresholdOverridesTheDefaultAndAServiceSetting() {
    checks = new ChecksDriver(ChecksSettings.defaults()
        .withThresholds(Map.of(CheckThresholds.ERROR_RATE, 0.5)), stateDir);
    for (int i = 0; i < 10; i++) {
      checks.send(checks.prediction("m", Map.of())
          .setOutcome(i < 2 ? Outcome.ERROR : Outcome.OK).build());
    }

    CheckResult relaxed = checks.ask(checks.request("m", CheckType.HEALTH).build());
    CheckResult strict = checks.ask(checks.request("m", CheckType.HEALTH)
        .setThresholds(Map.of(CheckThresholds.ERROR_RATE, 0.1)).build());

    assertThat(relaxed.getFindings()).filteredOn(f -> f.getMetric().equals("error_rate"))
        .extracting(CheckFinding::getStatus, CheckFinding::getThreshold)
        .containsExactly(tuple(CheckStatus.PASS, 0.5));
    assertThat(strict.getFindings()).filteredOn(f -> f.getMetric().equals("error_rate"))
        .extracting(CheckFinding::getStatus, CheckFinding::getThreshold)
        .containsExactly(tuple(CheckStatus.FAIL, 0.1));
    assertThat(strict.getStatus()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aModelWithoutStateEventsIsJudgedOnItsTrafficAlone() {
    checks = new ChecksDriver(ChecksSettings.defaults(), stateDir);
    checks.send(checks.prediction("m", Map.of()).setModelVersion(null).build());

    CheckResult result = checks.ask(checks.request("m", CheckType.HEALTH).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.PASS);
    assertThat(result.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getMessage)
        .containsExactly(
            tuple("lifecycle", CheckStatus.NO_DATA,
                "no lifecycle or heartbeat events from m (the app does not report its state)"),
            tuple("error_rate", CheckStatus.PASS, "0% of 1 predictions not OK"));
  }

  @Test
  void everyInstanceStoppedFails() {
    checks = new ChecksDriver(ChecksSettings.defaults(), stateDir);
    checks.send(checks.lifecycle("m", "pod-a", LifecycleState.STOPPED, "scaled down"));

    CheckResult result = checks.ask(checks.request("m", CheckType.HEALTH).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.FAIL);
    assertThat(result.getFindings()).extracting(CheckFinding::getMetric, CheckFinding::getStatus,
            CheckFinding::getMessage)
        .containsExactly(
            tuple("ready_instances", CheckStatus.FAIL, "every instance has stopped; last: pod-a "
                + "(v1) STOPPED, seen 2025-03-01T12:00:30Z (0s ago)"),
            tuple("heartbeat_age_s", CheckStatus.NO_DATA,
                "no heartbeats received (lifecycle and resource events only)"),
            tuple("error_rate", CheckStatus.NO_DATA, "no predictions in the lookback"));
  }
}
