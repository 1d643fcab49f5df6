package dev.modelmonitor.cli;

import static dev.modelmonitor.schema.AlertStatus.FIRING;
import static dev.modelmonitor.schema.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.TopicWriter;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.notifier.TestAlerts;
import dev.modelmonitor.topic.TopicNames;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code alerts tail} against a real broker and registry: an error-rate alert of bike-demand and
 * a drift alert of churn, each firing and resolved within the last hour, and an older one.
 */
@ExtendWith(LocalClusterExtension.class)
class AlertsTailCommandIT {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Instant OLD = NOW.minus(Duration.ofHours(3));
  static final Instant T1 = NOW.minus(Duration.ofMinutes(50));
  static final Instant T2 = NOW.minus(Duration.ofMinutes(40));
  static final Instant T3 = NOW.minus(Duration.ofMinutes(20));
  static final Instant T4 = NOW.minus(Duration.ofMinutes(10));

  static TestCluster cluster;
  static TopicNames names;

  @BeforeAll
  static void publish(TestCluster testCluster) {
    cluster = testCluster;
    names = cluster.createTopics(cluster.topicNames(), 2);
    try (TopicWriter topics = new TopicWriter(cluster, names)) {
      topics.alert(TestAlerts.transition("a1", "bike-demand", "default-error-rate", "critical",
          FIRING, OLD, OLD, "bike-demand error rate 0.3 > 0.05"));
      topics.alert(TestAlerts.transition("a1", "bike-demand", "default-error-rate", "critical",
          FIRING, T1, T1, "bike-demand error rate 0.125 > 0.05"));
      topics.alert(TestAlerts.transition("c7", "churn", "default-data-drift", "warning",
          FIRING, T2, T2, "churn: 6 of 10 features drifted"));
      topics.alert(TestAlerts.transition("a1", "bike-demand", "default-error-rate", "critical",
          RESOLVED, T1, T3, "bike-demand error rate 0.01 > 0.05"));
      topics.alert(TestAlerts.transition("c7", "churn", "default-data-drift", "warning",
          RESOLVED, T2, T4, "churn: 1 of 10 features drifted"));
    }
  }

  @Test
  void printsEveryTransitionOfTheLastHourOldestFirst() {
    CliRun run = CliRun.run(args("alerts", "tail"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(lines(
        T1 + "  FIRING    critical  bike-demand  default-error-rate  bike-demand error rate 0.125 > 0.05  a1",
        T2 + "  FIRING    warning   churn  default-data-drift  churn: 6 of 10 features drifted  c7",
        T3 + "  RESOLVED  critical  bike-demand  default-error-rate  bike-demand error rate 0.01 > 0.05  a1",
        T4 + "  RESOLVED  warning   churn  default-data-drift  churn: 1 of 10 features drifted  c7"));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void filtersByModelAndByStatus() {
    CliRun churn = CliRun.run(args("alerts", "tail", "--model", "churn"));
    CliRun resolved = CliRun.run(args("alerts", "tail", "--status", "RESOLVED"));
    CliRun bikeFiring =
        CliRun.run(args("alerts", "tail", "--model", "bike-demand", "--status", "firing"));

    assertThat(churn.out().lines().map(l -> l.substring(0, 30)))
        .containsExactly(T2 + "  FIRING  ", T4 + "  RESOLVED");
    assertThat(resolved.out().lines().map(AlertsTailCommandIT::modelAndStatus))
        .containsExactly("bike-demand RESOLVED", "churn RESOLVED");
    assertThat(bikeFiring.exitCode()).isZero();
    assertThat(bikeFiring.out()).isEqualTo(lines(
        T1 + "  FIRING    critical  bike-demand  default-error-rate  bike-demand error rate 0.125 > 0.05  a1"));
  }

  @Test
  void sinceReachesFurtherBack() {
    CliRun run = CliRun.run(args("alerts", "tail", "--since", "4h", "--model", "bike-demand"));

    assertThat(run.out().lines().map(AlertsTailCommandIT::modelAndStatus))
        .containsExactly("bike-demand FIRING", "bike-demand FIRING", "bike-demand RESOLVED");
    assertThat(run.out()).startsWith(OLD + "  FIRING    critical  bike-demand");
  }

  @Test
  void jsonPrintsOneObjectPerTransition() throws Exception {
    CliRun run = CliRun.run(args("alerts", "tail", "--json", "--model", "churn"));

    assertThat(run.exitCode()).isZero();
    List<JsonNode> objects = new ArrayList<>();
    for (String line : run.out().lines().toList()) {
      objects.add(new ObjectMapper().readTree(line));
    }
    assertThat(objects).hasSize(2);
    JsonNode resolved = objects.get(1);
    assertThat(resolved.get("alertId").asText()).isEqualTo("c7");
    assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.get("modelId").asText()).isEqualTo("churn");
    assertThat(resolved.get("ruleId").asText()).isEqualTo("default-data-drift");
    assertThat(resolved.get("severity").asText()).isEqualTo("warning");
    assertThat(resolved.get("startsAt").asText()).isEqualTo(T2.toString());
    assertThat(resolved.get("endsAt").asText()).isEqualTo(T4.toString());
    assertThat(resolved.get("emittedAt").asText()).isEqualTo(T4.toString());
    assertThat(resolved.get("value").asDouble()).isEqualTo(0.01);
    assertThat(resolved.get("summary").asText()).isEqualTo("churn: 1 of 10 features drifted");
    assertThat(resolved.get("url").asText()).isEqualTo("http://localhost:8080/alerts/c7");
  }

  @Test
  void saysSoWhenNothingMatched() {
    CliRun run = CliRun.run(args("alerts", "tail", "--model", "nobody"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("no alert transitions matched since ")
        .endsWith(" in " + names.alerts() + " (4 records read)" + System.lineSeparator());
  }

  @Test
  void followPrintsNewTransitionsUntilStopped() throws Exception {
    TopicNames fresh = cluster.createTopics(cluster.newTopicNames(), 1);
    CliRun run = CliRun.startInBackground("alerts", "tail", "-f", "--bootstrap-servers",
        cluster.bootstrapServers(), "--schema-registry", cluster.registryUrl(), "--topic-prefix",
        fresh.prefix());
    await("caught up").atMost(Duration.ofSeconds(30))
        .until(() -> run.err().contains("following " + fresh.alerts() + "; Ctrl-C stops"));
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    try (TopicWriter topics = new TopicWriter(cluster, fresh)) {
      topics.alert(TestAlerts.transition("f1", "follow-me", "default-silence", "critical",
          FIRING, at, at, "follow-me silent for 61 s"));
    }

    await("the new transition printed").atMost(Duration.ofSeconds(30))
        .until(run::out, out -> !out.isEmpty());
    run.stop();
    assertThat(run.out()).isEqualTo(lines(
        at + "  FIRING    critical  follow-me  default-silence  follow-me silent for 61 s  f1"));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void aBadStatusIsAUsageError() {
    CliRun run = CliRun.run(args("alerts", "tail", "--status", "maybe"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("--status must be firing or resolved but was 'maybe'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void saysToCreateTheTopicsWhenTheyAreMissing() {
    TopicNames none = cluster.newTopicNames();

    CliRun run = CliRun.run("alerts", "tail", "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.registryUrl(), "--topic-prefix", none.prefix());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: topic " + none.alerts() + " does not exist; create the"
        + " topics with model-monitor topics create, or check --topic-prefix" + System.lineSeparator());
  }

  @Test
  void anUnreachableBrokerExitsOneWithAClearMessage() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    CliRun run = CliRun.run("alerts", "tail", "--bootstrap-servers", "localhost:" + closedPort,
        "--timeout", "2s");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: cannot reach Kafka at localhost:" + closedPort
        + " within 2s; is the broker running (model-monitor local) and --bootstrap-servers right?"
        + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  private static String modelAndStatus(String line) {
    String[] fields = line.split(" +");
    return fields[3] + " " + fields[1];
  }

  private static String lines(String... lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String[] args(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.registryUrl(), "--topic-prefix", names.prefix()));
    return all.toArray(String[]::new);
  }
}
