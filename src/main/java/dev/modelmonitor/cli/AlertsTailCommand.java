package dev.modelmonitor.cli;

import dev.modelmonitor.client.ReadProgress;
import dev.modelmonitor.client.TopicBacklog;
import dev.modelmonitor.client.TopicBacklog.TopicMissingException;
import dev.modelmonitor.notifier.channel.AlertJson;
import dev.modelmonitor.registry.SchemaRegistryException;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.serde.WireFormatException;
import dev.modelmonitor.streams.Durations;
import dev.modelmonitor.topic.Topic;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code model-monitor alerts tail}: one line per alert transition on the alerts topic since
 * {@code --since}, oldest first, then (with {@code --follow}) each new one as it arrives. Reads
 * with an {@code assign()}ed consumer: no group, nothing committed, committed records only.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Print the alert transitions (FIRING, RESOLVED) on the alerts topic: time, status,"
          + " severity, model, rule, summary and alert id, oldest first.",
      "Without --follow it stops at the end of the topic as it was at start."
    },
    footer = {"", "Exit codes: 0 done (also when no alert matched), 1 error, 2 usage."})
public final class AlertsTailCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(names = "--model", paramLabel = "M", description = "Only this model's alerts.")
  String model;

  @Option(
      names = "--status",
      paramLabel = "firing|resolved",
      description = "Only FIRING or only RESOLVED transitions.")
  String status;

  @Option(
      names = "--since",
      defaultValue = "1h",
      paramLabel = "T",
      description =
          "Start this far back (30m, 24h, 7d) or at this time (ISO-8601);"
              + " default: ${DEFAULT-VALUE}.")
  String since;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new transitions until Ctrl-C.")
  boolean follow;

  @Option(names = "--json", description = "One JSON object per line (the webhook's alert shape).")
  boolean json;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      paramLabel = "DURATION",
      description = "How long Kafka may take to answer; default: ${DEFAULT-VALUE}.")
  String timeout;

  @Override
  public Integer call() {
    AlertStatus only = status();
    Instant now = Instant.now();
    Instant from;
    Duration wait;
    try {
      from = TimeBound.parse("--since", since, now);
      wait = Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Topic<Alert> topic = connection.topics().alerts();
    Properties kafka = connection.kafkaProperties();
    Properties props = TopicBacklog.consumerProperties(kafka, wait);
    Tail tail = new Tail(topic, only, wait);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    CountDownLatch done = new CountDownLatch(1);
    // Ctrl-C: stop polling and close the consumer before the JVM goes.
    Thread hook = new Thread(() -> {
      consumer.wakeup();
      try {
        done.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "alerts-tail-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      tail.run(consumer, from);
    } catch (WakeupException | InterruptException e) {
      Thread.interrupted(); // stopping is what was asked for; let the consumer close
    } catch (TimeoutException e) {
      throw unreachable(kafka, wait, e);
    } catch (TopicMissingException e) {
      throw new IllegalStateException("topic " + e.topic() + " does not exist; create the"
          + " topics with model-monitor topics create, or check --topic-prefix", e);
    } catch (SchemaRegistryException e) {
      throw new IllegalStateException("cannot read the schemas of " + topic.name()
          + " from the schema registry at " + connection.topics().registry().url() + ": "
          + e.getMessage() + "; is --schema-registry right?", e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running
      }
    }
    return 0;
  }

  private AlertStatus status() {
    if (status == null) {
      return null;
    }
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "firing" -> AlertStatus.FIRING;
      case "resolved" -> AlertStatus.RESOLVED;
      default -> throw new ParameterException(spec.commandLine(),
          "--status must be firing or resolved but was '" + status + "'");
    };
  }

  private static IllegalStateException unreachable(Properties kafka, Duration wait, Exception e) {
    return new IllegalStateException("cannot reach Kafka at "
        + kafka.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + " within "
        + Durations.format(wait) + "; is the broker running (model-monitor local) and"
        + " --bootstrap-servers right?", e);
  }

  /** One read of the topic: the backlog since the start time, sorted, then new records. */
  private final class Tail {
    private final Topic<Alert> topic;
    private final AlertStatus only;
    private final Duration wait;
    private final PrintWriter out = spec.commandLine().getOut();
    private final PrintWriter err = spec.commandLine().getErr();
    private long records;
    private long skipped;
    private long printed;

    Tail(Topic<Alert> topic, AlertStatus only, Duration wait) {
      this.topic = topic;
      this.only = only;
      this.wait = wait;
    }

    void run(KafkaConsumer<byte[], byte[]> consumer, Instant from) {
      List<Alert> backlog = new ArrayList<>();
      TopicBacklog.read(consumer, topic.name(), from, wait, ReadProgress.NONE, r -> {
        Alert alert = decode(r);
        if (alert != null) {
          backlog.add(alert);
        }
      });
      // Partitions interleave: the backlog reads best in the order the transitions happened.
      backlog.sort(Comparator.comparing(Alert::getEmittedAt));
      backlog.forEach(this::print);
      if (skipped > 0) {
        err.println("warning: skipped " + skipped + " records of " + topic.name()
            + " that could not be decoded");
      }
      if (!follow) {
        if (printed == 0) {
          err.println("no alert transitions matched since "
              + from.truncatedTo(ChronoUnit.SECONDS) + " in " + topic.name()
              + " (" + records + " records read)");
        }
        err.flush();
        return;
      }
      err.println("following " + topic.name() + "; Ctrl-C stops");
      err.flush();
      while (true) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          Alert alert = decode(r);
          if (alert != null) {
            print(alert);
          }
        }
      }
    }

    /** The alert, or null when it does not match or cannot be decoded (counted). */
    private Alert decode(ConsumerRecord<byte[], byte[]> r) {
      records++;
      if (r.value() == null) {
        return null;
      }
      Alert alert;
      try {
        alert = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
      } catch (WireFormatException e) {
        skipped++;
        return null;
      }
      boolean matches = (model == null || model.equals(alert.getModelId()))
          && (only == null || alert.getStatus() == only);
      return matches ? alert : null;
    }

    private void print(Alert a) {
      out.println(json ? AlertJson.alert(a).toString() : line(a));
      out.flush();
      printed++;
    }
  }

  /** {@code time  STATUS  severity  model  rule  summary  alertId}. */
  static String line(Alert a) {
    return String.format("%s  %-8s  %-8s  %s  %s  %s  %s",
        a.getEmittedAt().truncatedTo(ChronoUnit.SECONDS), a.getStatus(), a.getSeverity(),
        a.getModelId(), a.getRuleId(), a.getSummary(), a.getAlertId());
  }
}
