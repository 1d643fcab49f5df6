package dev.modelmonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.checks.ChecksTopology;
import dev.modelmonitor.checks.ModelQueries;
import dev.modelmonitor.client.CheckClient;
import dev.modelmonitor.client.CheckJson;
import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.streams.Durations;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The HTTP API of the active checks and of the models' live state:
 *
 * <ul>
 *   <li>{@code POST /api/checks[?timeout=10s]}: a check request as JSON (the Avro fields; only
 *       {@code modelId} required), answered synchronously with the result as JSON (200), 400 for
 *       a malformed body, 504 when no answer came in time;
 *   <li>{@code GET /api/models}: every model of every instance, {@code {"models": [...],
 *       "instances": [...], "unreachable": [...]}};
 *   <li>{@code GET /api/models/{id}}: lifecycle, instances, last heartbeat, last and current
 *       minute, open alerts (404 for an unknown model);
 *   <li>{@code GET /api/models/{id}/series?lookback=1h}: one point per minute for charts, and
 *       the failed predictions per error type over the lookback.
 * </ul>
 *
 * <p>The model state lives in the Kafka Streams stores of whichever instance owns the model's
 * partition. Any instance answers: it asks {@code queryMetadataForKey} for the owner and, when
 * that is another instance, forwards the request to the owner's {@code application.server} over
 * HTTP (once: a forwarded request that is not local any more gets 503, retry). Responses name the
 * instance that read the state in the {@value #SERVED_BY} header.
 */
public final class ChecksApi implements HttpServer.Routes {
  /** Response header: the {@code host:port} whose stores answered. */
  public static final String SERVED_BY = "X-Model-Monitor-Served-By";
  /** Request header on forwarded requests: the instance that forwarded it. */
  public static final String FORWARDED_BY = "X-Model-Monitor-Forwarded-By";

  private static final ObjectMapper JSON = CheckJson.mapper();
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_SERIES = Duration.ofHours(1);
  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);

  private final Supplier<KafkaStreams> streams;
  private final Supplier<String> applicationServer;
  private final CheckClient checks;
  private final Function<String, List<Alert>> openAlerts;
  private final Duration maxLookback;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(3)).build();

  /**
   * @param streams the checks application, null until it is created (answers 503 meanwhile)
   * @param applicationServer this instance's {@code application.server}, {@code host:port}; a
   *     supplier, as it is known only once the HTTP server has bound its port
   * @param checks sends check requests for {@code POST /api/checks}; started by the caller
   * @param openAlerts open alerts by model id (for example {@code AlertLog::open})
   * @param maxLookback the longest series asked for ({@code checks.max-lookback})
   */
  public ChecksApi(Supplier<KafkaStreams> streams, Supplier<String> applicationServer,
      CheckClient checks, Function<String, List<Alert>> openAlerts, Duration maxLookback) {
    this.streams = streams;
    this.applicationServer = applicationServer;
    this.checks = checks;
    this.openAlerts = openAlerts;
    this.maxLookback = maxLookback;
  }

  @Override
  public void addTo(Javalin app) {
    app.post("/api/checks", this::check);
    app.get("/api/models", this::models);
    app.get("/api/models/{id}", ctx -> routed(ctx, this::model));
    app.get("/api/models/{id}/series", ctx -> routed(ctx, this::series));
  }

  private void check(Context ctx) {
    CheckRequest request;
    Duration timeout;
    try {
      JsonNode body = JSON.readTree(ctx.body());
      request = CheckJson.request(body, Instant.now());
      String t = ctx.queryParam("timeout");
      timeout = t == null ? DEFAULT_TIMEOUT : Durations.parse(t);
    } catch (JsonProcessingException e) {
      error(ctx, 400, "the body is not JSON: " + e.getOriginalMessage());
      return;
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    Duration wait = timeout;
    ctx.future(() -> checks.send(request)
        .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
        .handle((result, failure) -> {
          if (failure == null) {
            json(ctx, 200, CheckJson.toJson(result));
          } else if (unwrap(failure) instanceof TimeoutException) {
            error(ctx, 504, "no result for check request " + request.getRequestId() + " within "
                + Durations.format(wait) + "; is the checks topology running?");
          } else {
            error(ctx, 503, unwrap(failure).getMessage());
          }
          return null;
        }));
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof java.util.concurrent.CompletionException && t.getCause() != null
        ? t.getCause() : t;
  }

  /** {@code host:port}, as in {@code application.server}. */
  static String endpoint(HostInfo host) {
    return host.host() + ":" + host.port();
  }

  private HostInfo self() {
    return HostInfo.buildFromEndpoint(applicationServer.get());
  }

  /** Reads locally when this instance owns the model, else forwards to the owner. */
  private void routed(Context ctx, java.util.function.BiConsumer<Context, ModelQueries> local) {
    HostInfo self = self();
    KafkaStreams app = streams.get();
    if (app == null) {
      error(ctx, 503, "the checks are starting; retry");
      return;
    }
    KeyQueryMetadata owner = app.queryMetadataForKey(ChecksTopology.STATUS_STORE,
        ctx.pathParam("id"), Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      error(ctx, 503, "the checks' state is not available (starting or rebalancing); retry");
      return;
    }
    if (owner.activeHost().equals(self)) {
      ModelQueries queries;
      try {
        queries = ModelQueries.of(app);
      } catch (InvalidStateStoreException e) {
        error(ctx, 503, "the checks' state is not queryable yet (" + e.getMessage() + "); retry");
        return;
      }
      ctx.header(SERVED_BY, endpoint(self));
      local.accept(ctx, queries);
    } else if (ctx.header(FORWARDED_BY) != null) {
      error(ctx, 503, "model " + ctx.pathParam("id") + " moved to " + endpoint(owner.activeHost())
          + " while the request was forwarded; retry");
    } else {
      forward(ctx, owner.activeHost());
    }
  }

  private void model(Context ctx, ModelQueries queries) {
    String id = ctx.pathParam("id");
    queries.model(id, Instant.now()).ifPresentOrElse(
        overview -> {
          ObjectNode node = JSON.valueToTree(overview);
          ArrayNode alerts = node.putArray("openAlerts");
          openAlerts.apply(id).forEach(a -> alerts.add(alert(a)));
          json(ctx, 200, node);
        },
        () -> error(ctx, 404, "model '" + id + "' is unknown: no event of it was seen"));
  }

  private void series(Context ctx, ModelQueries queries) {
    String id = ctx.pathParam("id");
    Duration lookback;
    try {
      String text = ctx.queryParam("lookback");
      lookback = text == null ? DEFAULT_SERIES : Durations.parse(text);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, "lookback: " + e.getMessage());
      return;
    }
    if (lookback.isZero() || lookback.compareTo(maxLookback) > 0) {
      error(ctx, 400, "lookback must be in (0, " + Durations.format(maxLookback) + "] but was "
          + Durations.format(lookback));
      return;
    }
    Instant now = Instant.now();
    List<ModelQueries.MinutePoint> points = queries.series(id, lookback, now);
    if (points.isEmpty()) {
      error(ctx, 404, "model '" + id + "' is unknown: no event of it was seen");
      return;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("modelId", id);
    node.put("lookback", Durations.format(lookback));
    node.set("points", JSON.valueToTree(points));
    node.set("errorTypes", JSON.valueToTree(queries.errorTypes(id, lookback, now)));
    json(ctx, 200, node);
  }

  private void models(Context ctx) {
    HostInfo self = self();
    KafkaStreams app = streams.get();
    if (app == null) {
      error(ctx, 503, "the checks are starting; retry");
      return;
    }
    if ("local".equals(ctx.queryParam("scope"))) {
      try {
        ctx.header(SERVED_BY, endpoint(self));
        json(ctx, 200, JSON.valueToTree(ModelQueries.of(app).models(Instant.now())));
      } catch (InvalidStateStoreException e) {
        error(ctx, 503, "the checks' state is not queryable yet (" + e.getMessage() + "); retry");
      }
      return;
    }
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    List<String> instances = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    for (StreamsMetadata instance : app.streamsMetadataForStore(ChecksTopology.STATUS_STORE)) {
      HostInfo host = instance.hostInfo();
      instances.add(endpoint(host));
      try {
        JsonNode models = host.equals(self)
            ? JSON.valueToTree(ModelQueries.of(app).models(Instant.now()))
            : JSON.readTree(get(host, "/api/models?scope=local", null).body());
        models.forEach(m -> byId.putIfAbsent(m.get("modelId").asText(), m));
      } catch (Exception e) {
        unreachable.add(endpoint(host) + ": " + e.getMessage());
      }
    }
    ObjectNode node = JSON.createObjectNode();
    ArrayNode models = node.putArray("models");
    byId.values().stream().sorted(Comparator.comparing(m -> m.get("modelId").asText()))
        .forEach(models::add);
    node.set("instances", JSON.valueToTree(instances));
    node.set("unreachable", JSON.valueToTree(unreachable));
    json(ctx, 200, node);
  }

  private void forward(Context ctx, HostInfo owner) {
    String path = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    ctx.future(() -> http.sendAsync(request(owner, path, endpoint(self())),
            HttpResponse.BodyHandlers.ofString())
        .handle((response, failure) -> {
          if (failure != null) {
            error(ctx, 502, "the owner of model " + ctx.pathParam("id") + ", " + endpoint(owner)
                + ", did not answer: " + unwrap(failure).getMessage());
          } else {
            response.headers().firstValue(SERVED_BY).ifPresent(v -> ctx.header(SERVED_BY, v));
            ctx.status(response.statusCode()).contentType("application/json")
                .result(response.body());
          }
          return null;
        }));
  }

  private HttpResponse<String> get(HostInfo host, String path, String forwardedBy)
      throws java.io.IOException, InterruptedException {
    return http.send(request(host, path, forwardedBy), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(HostInfo host, String path, String forwardedBy) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://" + host.host() + ":" + host.port() + path))
        .timeout(FORWARD_TIMEOUT).GET();
    if (forwardedBy != null) {
      request.header(FORWARDED_BY, forwardedBy);
    }
    return request.build();
  }

  private static ObjectNode alert(Alert a) {
    ObjectNode node = JSON.createObjectNode();
    node.put("alertId", a.getAlertId());
    node.put("ruleId", a.getRuleId());
    node.put("severity", a.getSeverity());
    node.put("metric", a.getMetric());
    node.put("value", a.getValue());
    node.put("threshold", a.getThreshold());
    node.put("startsAt", a.getStartsAt().toString());
    node.put("summary", a.getSummary());
    node.put("url", a.getUrl());
    return node;
  }

  private static void json(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void error(Context ctx, int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    json(ctx, status, body);
  }

  /** No alerts: for deployments without the alerts part. */
  public static List<Alert> noAlerts(String modelId) {
    return List.of();
  }
}
