package dev.modelmonitor.cli;

import dev.modelmonitor.config.ConfigLoader;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.service.MonitorService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the pipeline against an existing Kafka cluster and schema registry. Start more instances
 * with the same {@code application.id} to share the work.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline (alerts, reports, checks, notifier, HTTP) against an existing Kafka cluster.",
      "Each part can be switched off in the configuration (alerts.enabled, reports.enabled, ...)."
    })
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration YAML (see `model-monitor config`).")
  Path configFile;

  @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (default: http.port, 8080).")
  Integer httpPort;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Overrides kafka.bootstrap-servers.")
  String bootstrapServers;

  @Option(names = "--schema-registry", paramLabel = "URL", description = "Overrides schema-registry.url.")
  String schemaRegistry;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, Object> overrides = new HashMap<>();
    if (httpPort != null) {
      overrides.put(MonitorConfig.HTTP_PORT, httpPort);
    }
    if (bootstrapServers != null) {
      overrides.put(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (schemaRegistry != null) {
      overrides.put(MonitorConfig.SCHEMA_REGISTRY_URL, schemaRegistry);
    }
    MonitorConfig config = ConfigLoader.load(configFile, System.getenv(), overrides);
    CountDownLatch stopped = new CountDownLatch(1);
    MonitorService service = new MonitorService(config);
    Thread hook =
        new Thread(
            () -> {
              log.info("stopping: committing and leaving the consumer groups");
              service.close();
              log.info("model-monitor stopped");
              stopped.countDown();
            },
            "model-monitor-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      service.start();
    } catch (RuntimeException e) {
      service.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      throw e;
    }
    spec.commandLine().getOut().println(
        "model-monitor running: Kafka " + config.getString(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS)
            + (service.httpPort() > 0 ? ", HTTP on :" + service.httpPort() : "")
            + "; Ctrl-C stops it");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
