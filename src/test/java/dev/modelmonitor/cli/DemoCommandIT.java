package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model-monitor demo} as a newcomer runs it, shortened to 90 s: the script's drift, error
 * burst and hung pod each raise their alert, the active check is answered, reports land in the
 * reports directory and the run ends cleanly.
 */
class DemoCommandIT {
  @Test
  void aShortDemoRaisesEveryScriptedAlertAnswersACheckAndWritesReports(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("reports");
    // The notifier of the demo prints alerts on standard output, as a user sees them.
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CliRun run;
    try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      run = CliRun.run("demo", "--duration", "90s",
          "--http-port", Integer.toString(freePort()), "--kafka-port", Integer.toString(freePort()),
          "--registry-port", Integer.toString(freePort()), "--data-dir", dir.resolve("data").toString(),
          "--reports-dir", reports.toString());
    } finally {
      System.setOut(stdout);
    }
    String out = run.out();
    List<String> alerts = printed.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("[FIRING]") || l.startsWith("[RESOLVED]")).toList();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out).contains("ready").contains("CHECK    STATUS").contains("stopped cleanly");
    assertThat(alerts).anyMatch(l -> l.startsWith("[FIRING] warning bike-demand") && l.contains("drift_share"));
    assertThat(alerts).anyMatch(l -> l.startsWith("[FIRING] critical bike-demand") && l.contains("error_rate"));
    assertThat(alerts).anyMatch(l -> l.startsWith("[FIRING] critical bike-demand") && l.contains("silence_s"));
    assertThat(alerts).anyMatch(l -> l.startsWith("[RESOLVED] critical bike-demand") && l.contains("error_rate"));
    assertThat(alerts.stream().filter(l -> l.contains("silence_s")))
        .as("the hung pod fires once and resolves once, also across its restart")
        .hasSize(2);
    assertThat(reports.resolve("index.html")).exists();
    try (Stream<Path> files = Files.list(reports.resolve("bike-demand"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".html"))).isNotEmpty();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
