package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import dev.modelmonitor.schema.DeadLetter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestHandlingTest {
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
  void aModelNeverSeenIsAnsweredUnknownModel() {
    checks.send(checks.prediction("other", Map.of()).build());

    CheckResult result = checks.ask(checks.request("nope").build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.UNKNOWN_MODEL);
    assertThat(result.getModelId()).isEqualTo("nope");
    assertThat(result.getFindings()).isEmpty();
    assertThat(result.getMessage()).isEqualTo("model 'nope' has never been seen: no prediction, "
        + "label, state or reference event; check the model id (GET /api/models lists the known"
        + " ones)");
    assertThat(result.getAnsweredBy()).isEqualTo("model-monitor");
  }

  @Test
  void aModelSilentForTheLookbackIsAnsweredNoDataWithWhenItWasLastSeen() {
    checks.send(checks.prediction("m", Map.of()).build());
    checks.advance(Duration.ofHours(2));

    CheckResult result = checks.ask(checks.request("m").build());

    assertThat(result.getStatus()).isEqualTo(CheckStatus.NO_DATA);
    assertThat(result.getMessage()).isEqualTo("model 'm' sent nothing in the last 15m; last "
        + "traffic in the minute of 2025-03-01T12:00:00Z; first seen 2025-03-01T12:00:30Z");
    assertThat(result.getWindowStart()).isEqualTo(Instant.parse("2025-03-01T13:45:00Z"));
    assertThat(result.getWindowEnd()).isEqualTo(Instant.parse("2025-03-01T14:00:30Z"));
  }

  @Test
  void allChecksPassOnHealthWhenDriftAndPerformanceHaveNoData() {
    checks.send(checks.prediction("m", Map.of()).build());

    CheckResult all = checks.ask(checks.request("m").build());
    CheckResult named = checks.ask(checks.request("m", CheckType.HEALTH, CheckType.DRIFT).build());

    assertThat(all.getStatus()).isEqualTo(CheckStatus.PASS);
    assertThat(all.getMessage()).isEqualTo("PASS: HEALTH PASS, DRIFT NO_DATA, DATA_QUALITY "
        + "NO_DATA, PERFORMANCE NO_DATA, LATENCY NO_DATA");
    assertThat(named.getStatus()).isEqualTo(CheckStatus.NO_DATA);
    assertThat(named.getMessage()).isEqualTo("NO_DATA: HEALTH PASS, DRIFT NO_DATA");
  }

  static Stream<Arguments> malformed() {
    CheckRequest.Builder base = CheckRequest.newBuilder().setRequestId("r1").setModelId("m")
        .setLookbackSeconds(900).setRequestedAt(Instant.EPOCH);
    return Stream.of(
        Arguments.of("m", CheckRequest.newBuilder(base).setRequestId(" ").build(),
            "requestId is blank; give each request a unique id (the result is keyed by it)"),
        Arguments.of("", CheckRequest.newBuilder(base).setModelId("").build(),
            "modelId is blank; name the model to check"),
        Arguments.of("other", base.build(), "the request is keyed 'other' but asks about model "
            + "'m'; key requests by modelId so they reach the partition that holds the model's "
            + "state"),
        Arguments.of("m", CheckRequest.newBuilder(base).setLookbackSeconds(0).build(),
            "lookbackSeconds must be > 0 but was 0"),
        Arguments.of("m", CheckRequest.newBuilder(base).setLookbackSeconds(2 * 86_400).build(),
            "lookback 2d exceeds the longest kept, checks.max-lookback 1d"),
        Arguments.of("m", CheckRequest.newBuilder(base).setThresholds(Map.of("eror_rate", 0.1))
                .build(),
            "unknown threshold 'eror_rate'; known: " + CheckThresholds.knownKeys()
                + ", or <feature>.<key> for [missing_rate_increase, out_of_range_rate, "
                + "type_mismatch_rate, unseen_category_rate] and the drift keys"),
        Arguments.of("m", CheckRequest.newBuilder(base).setThresholds(Map.of("ks", 2.0)).build(),
            "drift threshold 'ks' must be a p-value in (0, 1) but was 2.0"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedRequestGetsAnErrorResultSayingWhatIsWrong(String key, CheckRequest request,
      String problem) {
    CheckResult result = checks.ask(key, request);

    assertThat(result.getStatus()).isEqualTo(CheckStatus.ERROR);
    assertThat(result.getMessage()).isEqualTo(problem);
    assertThat(result.getRequestId()).isEqualTo(request.getRequestId());
    assertThat(result.getFindings()).isEmpty();
  }

  @Test
  void eventsKeyedOtherwiseThanByTheirModelAreDeadLettered() {
    checks.predictions.pipeInput("wrong", checks.prediction("m", Map.of()).build(), checks.now());

    assertThat(checks.dlq.readValuesToList())
        .extracting(DeadLetter::getReason, DeadLetter::getMessage)
        .containsExactly(tuple("VALIDATION", "record key 'wrong' is not the modelId 'm'; key "
            + "events by modelId so each model's events meet in one partition"));
    assertThat(checks.ask(checks.request("m").build()).getStatus())
        .isEqualTo(CheckStatus.UNKNOWN_MODEL);
  }

  @Test
  void resultsAreCountedByStatus() {
    checks.ask(checks.request("nope").build());
    checks.ask(checks.request("nope").build());
    checks.ask("m", checks.request("m").setLookbackSeconds(0).build());

    assertThat(checks.meters.get(CheckAnswerer.RESULTS_METRIC).tag("status", "UNKNOWN_MODEL")
        .counter().count()).isEqualTo(2.0);
    assertThat(checks.meters.get(CheckAnswerer.RESULTS_METRIC).tag("status", "ERROR")
        .counter().count()).isEqualTo(1.0);
  }
}
