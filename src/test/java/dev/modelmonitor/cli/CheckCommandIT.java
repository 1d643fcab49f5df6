package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.checks.RunningChecks;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.topic.TopicNames;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code model-monitor check} against the checks running on a real broker: its exit codes. */
@ExtendWith(LocalClusterExtension.class)
class CheckCommandIT {
  private static TestCluster cluster;
  private static TopicNames names;
  private static RunningChecks checks;

  @BeforeAll
  static void start(TestCluster testCluster, @TempDir Path stateDir) {
    cluster = testCluster;
    names = cluster.createTopics(cluster.topicNames(), 2);
    checks = new RunningChecks(cluster, names, cluster.uniqueName("check-cli"), stateDir, null)
        .awaitRunning();
    try (RunningChecks.Events events = new RunningChecks.Events(cluster, names)) {
      events.ready("healthy").predictions("healthy", 20, 0, 5_000);
      events.predictions("failing", 10, 5, 5_000);
    }
    // The answer includes every event processed before the request: wait until all are.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
        check("--model", "failing", "--checks", "health").out()
            .contains("50% of 10 predictions not OK"));
  }

  @AfterAll
  static void stop() {
    checks.close();
  }

  private static CliRun check(String... args) {
    List<String> all = new ArrayList<>(List.of("check",
        "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.registryUrl(),
        "--topic-prefix", names.prefix()));
    all.addAll(List.of(args));
    return CliRun.run(all.toArray(String[]::new));
  }

  @Test
  void aHealthyModelPassesWithExitCodeZeroAndATable() {
    CliRun run = check("--model", "healthy", "--checks", "health,latency");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("model     healthy");
    assertThat(lines.get(1)).isEqualTo("status    PASS");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("answered  by check-cli-"));
    assertThat(lines).contains("message   PASS: HEALTH PASS, LATENCY PASS");
    assertThat(lines).anySatisfy(l -> assertThat(l).matches(
        "HEALTH +PASS +error_rate +0 +0\\.05 +0% of 20 predictions not OK"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches(
        "LATENCY +PASS +latency_p99_ms +5 +1000 +p99 5 ms <= 1000 ms over 20 requests"));
  }

  @Test
  void aThresholdCrossedToWarnExitsOne() {
    CliRun run = check("--model", "healthy", "--checks", "latency",
        "--threshold", "latency_p99_ms=1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("status    WARN");
  }

  @Test
  void anErrorBurstFailsWithExitCodeTwo() {
    CliRun run = check("--model", "failing", "--checks", "health", "--lookback", "5m");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).contains("status    FAIL");
  }

  @Test
  void noLabelsForANamedCheckAndAnUnknownModelExitThree() {
    CliRun noData = check("--model", "healthy", "--checks", "performance");
    CliRun unknown = check("--model", "never-seen");

    assertThat(noData.exitCode()).isEqualTo(3);
    assertThat(noData.out()).contains("status    NO_DATA");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.out()).contains("status    UNKNOWN_MODEL",
        "message   model 'never-seen' has never been seen");
  }

  @Test
  void jsonOutputIsTheResult() throws Exception {
    CliRun run = check("--model", "failing", "--checks", "health", "--json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(json.get("modelId").asText()).isEqualTo("failing");
    assertThat(json.get("status").asText()).isEqualTo("FAIL");
    assertThat(json.get("findings")).anySatisfy(f -> {
      assertThat(f.get("metric").asText()).isEqualTo("error_rate");
      assertThat(f.get("value").asDouble()).isEqualTo(0.5);
      assertThat(f.get("threshold").asDouble()).isEqualTo(0.05);
      assertThat(f.get("status").asText()).isEqualTo("FAIL");
    });
  }

  @Test
  void aMalformedRequestIsAnErrorWithExitCodeFour() {
    CliRun run = check("--model", "healthy", "--threshold", "eror_rate=0.1");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.out()).contains("status    ERROR", "message   unknown threshold 'eror_rate'");
  }

  @Test
  void noAnswerInTimeExitsFour() {
    TopicNames idle = cluster.createTopics(cluster.newTopicNames(), 1); // nothing answers here
    CliRun run = CliRun.run("check", "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.registryUrl(), "--topic-prefix", idle.prefix(),
        "--model", "healthy", "--timeout", "2s");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: nothing answered within 2s: check request ")
        .contains(" got no result on " + idle.checkResults() + "; is the model-monitor service "
            + "running against " + cluster.bootstrapServers() + "?");
  }

  @Test
  void anUnreachableBrokerExitsFourWithAClearMessage() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CliRun run = CliRun.run("check", "--bootstrap-servers", "localhost:" + closedPort,
        "--model", "m", "--timeout", "2s");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).isEqualTo("error: Kafka at localhost:" + closedPort + " did not "
        + "answer; is the broker running (model-monitor local) and --bootstrap-servers right?"
        + System.lineSeparator());
  }

  @Test
  void usageErrorsExitFourNotAVerdict() {
    CliRun missing = CliRun.run("check");
    CliRun badCheck = check("--model", "m", "--checks", "drfit");
    CliRun badLookback = check("--model", "m", "--lookback", "15 minutes");

    assertThat(missing.exitCode()).isEqualTo(4);
    assertThat(missing.err()).contains("Missing required option: '--model=<model>'");
    assertThat(badCheck.exitCode()).isEqualTo(4);
    assertThat(badCheck.err()).isEqualTo("error: unknown check 'drfit'; use health, drift, "
        + "data_quality, performance, latency" + System.lineSeparator());
    assertThat(badLookback.exitCode()).isEqualTo(4);
    assertThat(badLookback.err()).isEqualTo("error: --lookback: '15 minutes' is not a duration; "
        + "write e.g. 500ms, 30s, 15m, 1h, 30d or 1h30m" + System.lineSeparator());
  }
}
