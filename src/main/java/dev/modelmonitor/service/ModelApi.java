package dev.modelmonitor.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The service's own model API ({@code /api/models}) read over HTTP. The UI goes through it rather
 * than the local stores so that, with several instances, any of them shows every model: the API
 * forwards to the instance that owns a model.
 */
final class ModelApi {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final IntSupplier port;

  /** @param port this instance's HTTP port, known once the server has started */
  ModelApi(IntSupplier port) {
    this.port = port;
  }

  /** {@code GET /api/models}: every model of every instance. */
  Optional<JsonNode> models() {
    return get("/api/models");
  }

  /** {@code GET /api/models/{id}/series?lookback=…}: per-minute points and error types. */
  Optional<JsonNode> series(String modelId, String lookback) {
    return get("/api/models/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8).replace("+", "%20")
        + "/series?lookback=" + lookback);
  }

  /**
   * The body of a 200 answer; empty for any other status or failure, which the pages show as "no
   * data yet" (the API answers 503 while Kafka Streams starts or rebalances).
   */
  private Optional<JsonNode> get(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + path))
        .timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
