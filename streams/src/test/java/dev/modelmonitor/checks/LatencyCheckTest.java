package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyCheckTest {
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
  void reportsPercentilesOverMinutesAndWarnsAboveTheirThresholds() {
    // 1..100 ms over two minutes: the percentiles come from merged minutes.
    for (int ms = 1; ms <= 100; ms++) {
      if (ms == 51) {
        checks.advance(Duration.ofMinutes(1));
      }
      checks.send(checks.prediction("m", Map.of()).setLatencyMicros(ms * 1000L).build());
    }

    CheckResult defaults = checks.ask(checks.request("m", CheckType.LATENCY).build());
    CheckResult strict = checks.ask(checks.request("m", CheckType.LATENCY)
        .setThresholds(Map.of(CheckThresholds.LATENCY_P50_MS, 60.0,
            CheckThresholds.LATENCY_P99_MS, 95.0)).build());

    assertThat(defaults.getStatus()).isEqualTo(CheckStatus.PASS);
    assertThat(defaults.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getValue,
            CheckFinding::getThreshold, CheckFinding::getMessage)
        .containsExactly(
            tuple("latency_p50_ms", CheckStatus.PASS, 50.0, null, "p50 50 ms over 100 requests"),
            tuple("latency_p90_ms", CheckStatus.PASS, 90.0, null, "p90 90 ms over 100 requests"),
            tuple("latency_p99_ms", CheckStatus.PASS, 99.0, 1000.0,
                "p99 99 ms <= 1000 ms over 100 requests"));
    assertThat(strict.getStatus()).isEqualTo(CheckStatus.WARN);
    assertThat(strict.getFindings())
        .extracting(CheckFinding::getMetric, CheckFinding::getStatus, CheckFinding::getMessage)
        .containsExactly(
            tuple("latency_p50_ms", CheckStatus.PASS, "p50 50 ms <= 60 ms over 100 requests"),
            tuple("latency_p90_ms", CheckStatus.PASS, "p90 90 ms over 100 requests"),
            tuple("latency_p99_ms", CheckStatus.WARN, "p99 99 ms > 95 ms over 100 requests"));
  }

  @Test
  void predictionsWithoutLatenciesAreNoData() {
    checks.send(checks.prediction("m", Map.of()).build());

    CheckResult result = checks.ask(checks.request("m", CheckType.LATENCY).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.NO_DATA);
    assertThat(result.getFindings()).extracting(CheckFinding::getMessage)
        .containsExactly("no latencies reported in the lookback (latencyMicros is empty)");
  }

  @Test
  void fewerPredictionsThanMinEventsAreNoData() {
    checks.send(checks.prediction("m", Map.of()).setLatencyMicros(5000L).build());

    CheckResult result = checks.ask(checks.request("m", CheckType.LATENCY)
        .setThresholds(Map.of(CheckThresholds.MIN_EVENTS, 10.0)).build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.NO_DATA);
    assertThat(result.getFindings()).extracting(CheckFinding::getMessage)
        .containsExactly("only 1 predictions in the lookback, fewer than min_events 10");
  }
}
