package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.topic.MonitorTopic;
import dev.modelmonitor.topic.TopicNames;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model-monitor local} run in-process, with a broker and registry of its own. */
class LocalCommandIT {
  @TempDir Path dataDir;

  private CliRun startLocal() {
    CliRun run =
        CliRun.startInBackground(
            "local",
            "--kafka-port",
            "0",
            "--registry-port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--partitions",
            "1",
            "--topic-prefix",
            "cli.");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> run.out().contains("ready") || run.finished());
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("model-monitor local is ready; press Ctrl+C to stop.");
    return run;
  }

  @Test
  void printsHowToConnectAndReadyThenStopsCleanlyAndKeepsItsDataForTheNextStart() throws Exception {
    TopicNames names = new TopicNames("cli.");
    Set<String> pipelineTopics =
        Set.copyOf(Arrays.stream(MonitorTopic.values()).map(names::name).toList());

    CliRun first = startLocal();
    String bootstrap = first.outputValue("Kafka bootstrap servers:");
    String registry = first.outputValue("Schema registry:");
    assertThat(bootstrap).matches("localhost:\\d+");
    assertThat(registry).matches("http://localhost:\\d+");
    assertThat(first.outputValue("Topics:"))
        .isEqualTo("10 created, 0 already present (prefix cli.)");
    assertThat(first.outputValue("Data directory:"))
        .isEqualTo(dataDir.toAbsolutePath().normalize().toString());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      assertThat(admin.listTopics().names().get()).containsAll(pipelineTopics);
    }
    HttpResponse<String> subjects =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(registry + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(subjects.body()).isEqualTo("[]");

    first.stop();
    assertThat(first.exitCode()).isZero();
    assertThat(dataDir.resolve("kafka/meta.properties")).exists();

    CliRun second = startLocal();
    assertThat(second.outputValue("Topics:"))
        .isEqualTo("0 created, 10 already present (prefix cli.)");
    second.stop();
    assertThat(second.exitCode()).isZero();
  }

  @Test
  void aKafkaPortInUseIsReportedWithWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRun run =
          CliRun.run(
              "local", "--kafka-port", Integer.toString(port), "--data-dir", dataDir.toString());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "error: Kafka port "
                  + port
                  + " is already in use by another process; stop that process or choose another"
                  + " port with --kafka-port"
                  + System.lineSeparator());
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void aRegistryPortInUseIsReportedWithWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRun run =
          CliRun.run(
              "local",
              "--kafka-port",
              "0",
              "--registry-port",
              Integer.toString(port),
              "--data-dir",
              dataDir.toString());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "error: schema registry port "
                  + port
                  + " is already in use by another process; stop that process or choose another"
                  + " port with --registry-port"
                  + System.lineSeparator());
    }
  }
}
