package dev.modelmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.checks.ChecksTopology;
import dev.modelmonitor.checks.RunningChecks;
import dev.modelmonitor.client.CheckClient;
import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the checks (same application id, each with its HTTP server as its {@code
 * application.server}) on a real broker: whichever is asked, the model's owner answers.
 */
@ExtendWith(LocalClusterExtension.class)
class ChecksApiIT {
  private static final int MODELS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<Instance> instances = new ArrayList<>();

  /** One service instance: HTTP server, checks client and Kafka Streams. */
  private record Instance(HttpServer http, CheckClient client, RunningChecks checks) {
    String server() {
      return "localhost:" + http.port();
    }

    KafkaStreams streams() {
      return checks.streams();
    }
  }

  @BeforeAll
  static void start(TestCluster cluster, @TempDir Path stateDir) {
    TopicNames names = cluster.createTopics(cluster.topicNames(), 4);
    String applicationId = cluster.uniqueName("checks-api");
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(cluster.registryUrl()));
    for (int i = 0; i < 2; i++) {
      AtomicReference<KafkaStreams> streams = new AtomicReference<>();
      AtomicReference<String> server = new AtomicReference<>();
      Properties kafka = new Properties();
      kafka.put("bootstrap.servers", cluster.bootstrapServers());
      CheckClient client = new CheckClient(kafka, topics, Duration.ofSeconds(10));
      client.start();
      ChecksApi api = new ChecksApi(streams::get, server::get, client, ChecksApi::noAlerts,
          Duration.ofHours(24));
      HttpServer http = new HttpServer(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          () -> true, List.of(api));
      server.set("localhost:" + http.start(0));
      RunningChecks checks = new RunningChecks(cluster, names, applicationId,
          stateDir.resolve("instance-" + i), server.get());
      streams.set(checks.streams());
      instances.add(new Instance(http, client, checks));
    }
    instances.forEach(i -> i.checks().awaitRunning());
    // Both instances own partitions once the group has settled.
    await().atMost(Duration.ofSeconds(60)).until(() -> instances.get(0).streams()
        .streamsMetadataForStore(ChecksTopology.STATUS_STORE).size() == 2
        && instances.stream().allMatch(i -> i.streams().state() == KafkaStreams.State.RUNNING));
    try (RunningChecks.Events events = new RunningChecks.Events(cluster, names)) {
      for (int m = 0; m < MODELS; m++) {
        events.ready("model-" + m).predictions("model-" + m, 10, 1, 2_000);
      }
    }
  }

  @AfterAll
  static void stop() {
    for (Instance i : instances) {
      i.checks().close();
      i.client().close();
      i.http().close();
    }
  }

  /** The {@code host:port} of the instance that owns {@code model}'s state. */
  private static String owner(String model) {
    HostInfo owner = instances.get(0).streams().queryMetadataForKey(
        ChecksTopology.STATUS_STORE, model, Serdes.String().serializer()).activeHost();
    return owner.host() + ":" + owner.port();
  }

  /** A model owned by instance {@code index}, and the other instance. */
  private static String modelOwnedBy(int index) {
    String server = instances.get(index).server();
    return IntStream.range(0, MODELS).mapToObj(m -> "model-" + m)
        .filter(m -> owner(m).equals(server)).findFirst()
        .orElseThrow(() -> new AssertionError("no model is owned by " + server));
  }

  private static HttpResponse<String> get(Instance instance, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + instance.server() + path))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aModelIsAnsweredByItsOwnerWhicheverInstanceIsAsked() throws Exception {
    String model = modelOwnedBy(0);
    Instance other = instances.get(1);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> response = get(other, "/api/models/" + model);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue(ChecksApi.SERVED_BY))
          .hasValue(instances.get(0).server());
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("modelId").asText()).isEqualTo(model);
      assertThat(body.get("lifecycle").asText()).isEqualTo("READY");
      assertThat(body.get("modelVersion").asText()).isEqualTo("v1");
      assertThat(body.get("instances").get(0).get("id").asText()).isEqualTo(model + "-pod");
      assertThat(body.get("lastMinute").get("predictions").asLong()
          + body.get("currentMinute").get("predictions").asLong()).isEqualTo(10);
      assertThat(body.get("openAlerts").isArray()).isTrue();
    });
  }

  @Test
  void theSeriesIsAnsweredByTheOwnerToo() throws Exception {
    String model = modelOwnedBy(1);
    Instance other = instances.get(0);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> response = get(other, "/api/models/" + model + "/series?lookback=5m");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue(ChecksApi.SERVED_BY))
          .hasValue(instances.get(1).server());
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("lookback").asText()).isEqualTo("5m");
      assertThat(body.get("points")).hasSize(6);
      long predictions = 0;
      long errors = 0;
      for (JsonNode point : body.get("points")) {
        predictions += point.get("predictions").asLong();
        errors += point.get("errors").asLong();
      }
      assertThat(predictions).isEqualTo(10);
      assertThat(errors).isEqualTo(1);
    });
  }

  @Test
  void everyInstanceListsTheModelsOfBoth() {
    List<String> expected = IntStream.range(0, MODELS).mapToObj(m -> "model-" + m).toList();
    for (Instance asked : instances) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        JsonNode body = JSON.readTree(get(asked, "/api/models").body());
        List<String> ids = new ArrayList<>();
        body.get("models").forEach(m -> ids.add(m.get("modelId").asText()));
        assertThat(ids).isEqualTo(expected);
        assertThat(body.get("instances")).hasSize(2);
        assertThat(body.get("unreachable")).isEmpty();
      });
    }
  }

  @Test
  void anUnknownModelIsNotFoundAtItsOwner() throws Exception {
    HttpResponse<String> response = get(instances.get(1), "/api/models/never-seen");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue(ChecksApi.SERVED_BY))
        .hasValue(owner("never-seen"));
    assertThat(JSON.readTree(response.body()).get("error").asText())
        .isEqualTo("model 'never-seen' is unknown: no event of it was seen");
  }

  @Test
  void postingACheckAnswersWithTheResult() throws Exception {
    String model = modelOwnedBy(0);
    String body = "{\"modelId\": \"" + model + "\", \"checks\": [\"health\"], "
        + "\"lookbackSeconds\": 600, \"thresholds\": {\"error_rate\": 0.2}}";

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://" + instances.get(1).server() + "/api/checks"))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode result = JSON.readTree(response.body());
      assertThat(result.get("status").asText()).isEqualTo("PASS");
      assertThat(result.get("modelId").asText()).isEqualTo(model);
      assertThat(result.get("answeredBy").asText()).isEqualTo(instances.get(0).server());
      assertThat(result.get("findings")).anySatisfy(f -> {
        assertThat(f.get("metric").asText()).isEqualTo("error_rate");
        assertThat(f.get("value").asDouble()).isEqualTo(0.1);
        assertThat(f.get("threshold").asDouble()).isEqualTo(0.2);
      });
    });
  }

  @Test
  void aMalformedCheckBodyIsRejected() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://" + instances.get(0).server() + "/api/checks"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"m\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unknown field "
        + "'model'; a check request has requestId, modelId, checks, lookbackSeconds, "
        + "requestedBy, requestedAt, thresholds");
  }
}
