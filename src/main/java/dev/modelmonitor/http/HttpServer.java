package dev.modelmonitor.http;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The service's HTTP endpoint: health, Prometheus metrics, and whatever {@link Routes} the
 * enabled parts contribute (API, ingest, UI).
 */
public final class HttpServer implements AutoCloseable {
  /** A part of the service that serves HTTP routes. */
  @FunctionalInterface
  public interface Routes {
    void addTo(Javalin app);
  }

  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Javalin app;

  public HttpServer(PrometheusMeterRegistry meters, BooleanSupplier ready, List<Routes> routes) {
    app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.useVirtualThreads = false;
              // Above the ingest limit (1 MiB), so the ingest handler answers 413 with its reasons.
              config.http.maxRequestSize = 2L * 1024 * 1024;
            });
    app.get("/health/live", ctx -> ctx.json(java.util.Map.of("status", "UP")));
    app.get(
        "/health/ready",
        ctx -> {
          boolean isReady = ready.getAsBoolean();
          ctx.status(isReady ? 200 : 503).json(java.util.Map.of("status", isReady ? "UP" : "DOWN"));
        });
    app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(meters.scrape()));
    routes.forEach(r -> r.addTo(app));
  }

  /** Starts on {@code port} (0 picks a free one) and returns the port bound. */
  public int start(int port) {
    app.start(port);
    return app.port();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
