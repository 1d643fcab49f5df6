package dev.modelmonitor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.checks.ChecksTopology;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances of one {@code application.id} at Kafka's default session timeout (45 s):
 * when one stops, it leaves its groups, so the other takes all its tasks over, with their state,
 * and answers the checks of its models within seconds.
 */
@ExtendWith(LocalClusterExtension.class)
class InstanceHandoverIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> APPS = List.of("alerts", "reports", "checks");
  private static MonitorService staying;
  private static MonitorService stopping;

  @BeforeAll
  static void start(TestCluster cluster, @TempDir Path state) {
    String applicationId = cluster.uniqueName("handover");
    staying = service(cluster, applicationId, state.resolve("staying"));
    stopping = service(cluster, applicationId, state.resolve("stopping"));
  }

  private static MonitorService service(TestCluster cluster, String applicationId, Path state) {
    MonitorService service = new MonitorService(MonitorConfig.of(
        ServiceOnCluster.settings(cluster, state, applicationId)));
    service.start();
    return service;
  }

  @AfterAll
  static void stop() {
    staying.close();
    stopping.close();
  }

  @Test
  void aStoppedInstanceHandsItsTasksAndChecksOverWellWithinTheSessionTimeout() throws Exception {
    await("both instances run, each with a checks task").atMost(Duration.ofSeconds(120))
        .until(() -> staying.isReady() && stopping.isReady()
            && activeTasks(staying, "checks").size() == 1
            && activeTasks(stopping, "checks").size() == 1);
    Map<String, Set<TaskId>> all = new HashMap<>();
    for (String app : APPS) {
      Set<TaskId> tasks = new HashSet<>(activeTasks(staying, app));
      tasks.addAll(activeTasks(stopping, app));
      all.put(app, tasks);
    }
    String model = IntStream.range(0, 100).mapToObj(i -> "model-" + i)
        .filter(m -> owner(m) == stopping.httpPort()).findFirst().orElseThrow();
    StringBuilder events = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      events.append(i == 0 ? "" : ",").append("{\"modelId\":\"").append(model)
          .append("\",\"features\":{\"x\":").append(i).append("},\"outcome\":\"")
          .append(i < 2 ? "ERROR" : "OK").append("\",\"instance\":{\"id\":\"pod-a\"}}");
    }
    assertThat(post(staying, "/ingest/v1/predictions", events.append("]").toString())
        .statusCode()).isEqualTo(200);
    await("the stopping instance committed the model's predictions")
        .atMost(Duration.ofSeconds(60)).until(() -> committedPredictions(stopping, model) == 10);

    stopping.close();

    await("the staying instance owns every task, well within the 45 s session timeout")
        .atMost(Duration.ofSeconds(25))
        .until(() -> staying.isReady() && APPS.stream()
            .allMatch(app -> activeTasks(staying, app).equals(all.get(app))));
    HttpResponse<String> check = post(staying, "/api/checks",
        "{\"modelId\":\"" + model + "\",\"checks\":[\"HEALTH\"],\"lookbackSeconds\":600}");
    assertThat(check.statusCode()).isEqualTo(200);
    JsonNode result = JSON.readTree(check.body());
    assertThat(result.get("answeredBy").asText()).isEqualTo("localhost:" + staying.httpPort());
    assertThat(result.get("findings")).anySatisfy(finding -> {
      assertThat(finding.get("metric").asText()).isEqualTo("error_rate");
      assertThat(finding.get("value").asDouble()).isEqualTo(0.2);
    });
  }

  private static Set<TaskId> activeTasks(MonitorService service, String app) {
    return service.app(app).orElseThrow().streams().metadataForLocalThreads().stream()
        .flatMap(thread -> thread.activeTasks().stream())
        .map(task -> task.taskId())
        .collect(Collectors.toSet());
  }

  /** The HTTP port of the instance that owns {@code model}'s checks state. */
  private static int owner(String model) {
    return staying.app("checks").orElseThrow().streams()
        .queryMetadataForKey(ChecksTopology.STATUS_STORE, model, Serdes.String().serializer())
        .activeHost().port();
  }

  /** The model's predictions in its last and current minute, as its owner has committed them. */
  private static long committedPredictions(MonitorService service, String model)
      throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + service.httpPort() + "/api/models/" + model))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return -1;
    }
    JsonNode overview = JSON.readTree(response.body());
    return overview.path("lastMinute").path("predictions").asLong()
        + overview.path("currentMinute").path("predictions").asLong();
  }

  private static HttpResponse<String> post(MonitorService service, String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + service.httpPort() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
