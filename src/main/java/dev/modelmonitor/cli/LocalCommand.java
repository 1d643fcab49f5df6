package dev.modelmonitor.cli;

import dev.modelmonitor.local.PortInUseException;
import dev.modelmonitor.local.TopicCreator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-monitor local}: a Kafka broker and a schema registry in this process, with the
 * pipeline's topics, until Ctrl+C (SIGINT) or SIGTERM. Data stays in {@code --data-dir} for the
 * next start.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Run a local Kafka broker and schema registry with the pipeline's topics.",
      "The broker is Kafka's own (KRaft, in this process), the registry speaks the Confluent"
          + " Schema Registry API. Prints how to connect and a line with 'ready'; stops on Ctrl+C"
          + " (SIGINT) or SIGTERM, and the data in --data-dir survives for the next start."
    })
public final class LocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      paramLabel = "PORT",
      description = "Kafka client port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      paramLabel = "PORT",
      description = "Schema registry HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--data-dir",
      defaultValue = "./.model-monitor",
      paramLabel = "DIR",
      description = "Where the broker keeps its data across restarts (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      paramLabel = "N",
      description = "Partitions of the topics it creates (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--topic-prefix",
      defaultValue = "mm.",
      paramLabel = "PREFIX",
      description = "Prefix of the topic names (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (partitions < 1) {
      err.println("error: --partitions must be at least 1 but was " + partitions);
      return CliExceptionHandler.EXIT_ERROR;
    }
    LocalMode mode;
    try {
      mode =
          LocalMode.start(
              new LocalMode.Options(kafkaPort, registryPort, dataDir, partitions, topicPrefix));
    } catch (PortInUseException e) {
      err.println(
          "error: "
              + e.getMessage()
              + "; stop that process or choose another port with "
              + option(e));
      err.flush();
      return CliExceptionHandler.EXIT_ERROR;
    }
    boolean interrupted = false;
    try {
      printConnectionInfo(out, mode);
      mode.awaitClose();
    } catch (InterruptedException e) {
      // An embedding thread (a test, say) stops us the way Ctrl+C does. The flag is cleared
      // meanwhile: Jetty's and Kafka's shutdowns wait on latches and would abort half-way.
      interrupted = true;
    } finally {
      mode.close();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void printConnectionInfo(PrintWriter out, LocalMode mode) {
    TopicCreator.Result topics = mode.topics();
    out.println("Kafka bootstrap servers: " + mode.bootstrapServers());
    out.println("Schema registry:         " + mode.registryUrl());
    out.println(
        "Topics:                  "
            + topics.created().size()
            + " created, "
            + topics.existing().size()
            + " already present (prefix "
            + mode.cluster().topicNames().prefix()
            + ")");
    out.println("Data directory:          " + mode.dataDir());
    out.println("model-monitor local is ready; press Ctrl+C to stop.");
    out.flush();
  }

  private static String option(PortInUseException e) {
    return e.what().equals("schema registry") ? "--registry-port" : "--kafka-port";
  }
}
