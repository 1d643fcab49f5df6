package dev.modelmonitor.notifier;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback
 * port with a throw-away configuration and storage directory.
 */
public final class AlertmanagerProcess implements AutoCloseable {
  static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/bin/prometheus-alertmanager"), Path.of("/usr/local/bin/alertmanager"),
          Path.of("/usr/bin/alertmanager"));
  static final String INSTALL =
      "apt-get update && apt-get install -y prometheus-alertmanager"
          + " (or set ALERTMANAGER_BIN to an alertmanager binary)";

  private final Process process;
  private final Path dir;
  private final int port;

  public AlertmanagerProcess(Path dir) {
    this.dir = dir;
    Path binary = binary();
    this.port = freePort();
    try {
      Path config = dir.resolve("alertmanager.yml");
      Files.writeString(config, "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
      process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--cluster.listen-address=")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("alertmanager.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await("Alertmanager ready on port " + port)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> get("/-/ready").statusCode() == 200);
  }

  static Path binary() {
    String fromEnv = System.getenv("ALERTMANAGER_BIN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return CANDIDATES.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(
                "This test needs a real Prometheus Alertmanager and found none at " + CANDIDATES
                    + ". Install it: " + INSTALL));
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** GET on the Alertmanager. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
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
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "Alertmanager at " + url() + " (log " + dir.resolve("alertmanager.log") + ")";
  }
}
