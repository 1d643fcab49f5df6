package dev.modelmonitor.cli;

import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.demo.Demo;
import dev.modelmonitor.local.PortInUseException;
import dev.modelmonitor.service.MonitorService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model-monitor demo}: local mode plus a simulated model app on a script; see {@link Demo}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything locally and watch a simulated model app drift, fail and recover.",
      "Three pods serve bike-demand predictions from real data; alerts print as they fire and",
      "resolve, HTML reports land in --reports-dir, an active check is answered, and the UI runs",
      "on --http-port."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--duration", defaultValue = "4m", paramLabel = "DURATION",
      description = "How long the scenario runs (default: ${DEFAULT-VALUE}); its steps scale with it.")
  String duration;

  @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT", description = "UI and API port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT", description = "Kafka port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(names = "--data-dir", defaultValue = "./.model-monitor/demo", paramLabel = "DIR",
      description = "Broker and state data of the demo; emptied at start (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--reports-dir", defaultValue = "./reports", paramLabel = "DIR",
      description = "Where HTML and JSON reports are written (default: ${DEFAULT-VALUE}).")
  Path reportsDir;

  @Option(names = "--pods", defaultValue = "3", paramLabel = "N", description = "Simulated pods (default: ${DEFAULT-VALUE}).")
  int pods;

  @Option(names = "--rate", defaultValue = "40", paramLabel = "N", description = "Predictions per second per pod (default: ${DEFAULT-VALUE}).")
  double rate;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Duration length = UsageException.duration("--duration", duration);
    if (pods < 3) {
      throw new UsageException(
          "--pods must be at least 3 (the script fails pod 2 and hangs pod 3) but was " + pods);
    }
    deleteRecursively(dataDir);
    LocalMode mode;
    try {
      mode = LocalMode.start(new LocalMode.Options(kafkaPort, registryPort, dataDir.resolve("kafka"), 4, "mm."));
    } catch (PortInUseException e) {
      throw new IllegalStateException(e.getMessage() + "; stop that process (another model-monitor?) or pick other ports with --kafka-port/--registry-port/--http-port");
    }
    try {
      out.printf("Kafka %s, schema registry %s%n", mode.bootstrapServers(), mode.registryUrl());
      Demo demo = new Demo(
          new Demo.Settings(length, pods, rate, reportsDir, dataDir, httpPort), out,
          (result, millis) -> new CheckResultTable(result, millis).print(out));
      MonitorService service =
          new MonitorService(MonitorConfig.of(demo.serviceConfig(mode.connectionSettings())), Demo.serviceOptions());
      mode.add(service);
      service.start();
      out.printf("pipeline started (alerts, reports, checks, notifier, UI on http://localhost:%d); ready%n", service.httpPort());
      out.flush();
      demo.run(service);
    } finally {
      mode.close();
    }
    out.println("stopped cleanly");
    return 0;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
