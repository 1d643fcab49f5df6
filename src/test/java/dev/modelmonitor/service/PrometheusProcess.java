package dev.modelmonitor.service;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Prometheus (Debian's {@code prometheus}) on a free loopback port, scraping one target
 * every second, with a throw-away storage directory.
 */
final class PrometheusProcess implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  static final String INSTALL = "apt-get update && apt-get install -y prometheus";

  private final Process process;
  private final int port;

  PrometheusProcess(Path dir, String target) throws IOException {
    requireInstalled(BINARY);
    this.port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: model-monitor\n"
            + "    metrics_path: /metrics\n    static_configs:\n      - targets: ['" + target + "']\n");
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    await("Prometheus ready on port " + port)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> get("/-/ready").statusCode() == 200);
  }

  static void requireInstalled(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new AssertionError("This test needs " + binary + " (real Prometheus). Install it: " + INSTALL);
    }
  }

  /** An instant PromQL query; the JSON answer. */
  String query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
