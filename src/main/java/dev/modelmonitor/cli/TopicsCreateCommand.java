package dev.modelmonitor.cli;

import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.local.KafkaUnreachableException;
import dev.modelmonitor.local.TopicCreator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-monitor topics create}: creates the topics of DESIGN §3 that are missing, with their
 * cleanup and retention configs, and reports each as created or found. Safe to run again.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description =
        "Create the pipeline's topics that are missing (idempotent); report what was created or"
            + " found.")
public final class TopicsCreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions of new topics (default: config topics.partitions, 4).")
  Integer partitions;

  @Option(
      names = "--replication-factor",
      paramLabel = "R",
      description =
          "Replication factor of new topics (default: config topics.replication-factor, 1).")
  Short replicationFactor;

  @Option(
      names = "--timeout",
      defaultValue = "15s",
      paramLabel = "DURATION",
      description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MonitorConfig config = connection.config();
    int partitionCount =
        partitions != null ? partitions : config.getInt(MonitorConfig.TOPICS_PARTITIONS);
    short replicas =
        replicationFactor != null
            ? replicationFactor
            : config.getShort(MonitorConfig.TOPICS_REPLICATION_FACTOR);
    if (partitionCount < 1 || replicas < 1) {
      err.println("error: --partitions and --replication-factor must be at least 1");
      return CliExceptionHandler.EXIT_ERROR;
    }
    Duration wait = UsageException.duration("--timeout", timeout);
    Map<String, Object> clientProperties = new HashMap<>();
    config
        .kafkaClientProperties()
        .forEach((key, value) -> clientProperties.put((String) key, value));
    TopicCreator.Result result;
    try {
      result =
          new TopicCreator(clientProperties, wait)
              .create(connection.topicNames(), Optional.of(partitionCount), Optional.of(replicas));
    } catch (KafkaUnreachableException e) {
      err.println(
          "error: "
              + e.getMessage()
              + "; is the broker running (model-monitor local) and --bootstrap-servers right?");
      err.flush();
      return CliExceptionHandler.EXIT_ERROR;
    }
    result.created().forEach(name -> out.println("created " + name));
    result.existing().forEach(name -> out.println("found   " + name));
    out.println(
        result.created().size()
            + " created, "
            + result.existing().size()
            + " already present on "
            + clientProperties.get("bootstrap.servers"));
    out.flush();
    return 0;
  }
}
