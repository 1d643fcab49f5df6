package dev.modelmonitor.cli;

import dev.modelmonitor.csv.CellValues;
import dev.modelmonitor.csv.ColumnType;
import dev.modelmonitor.csv.ColumnTypes;
import dev.modelmonitor.csv.CsvSource;
import dev.modelmonitor.csv.EventTimes;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Replays a CSV as prediction events (and label events), the way real datasets enter the
 * pipeline: demos, tests and backfills. The file is checked whole before anything is sent, so a
 * bad file sends nothing.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = "Replay a CSV file as prediction events (and label events) of a model.")
public final class ProduceCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin CsvOptions csvOptions;

  @Option(names = "--model", required = true, description = "Model id the events belong to.")
  String model;

  @Option(names = "--model-version", description = "Model version to stamp on the events.")
  String modelVersion;

  @Option(names = "--timestamp-column", paramLabel = "COL", description = "Column with the event time; default: now.")
  String timestampColumn;

  @Option(
      names = "--timestamp-format",
      paramLabel = "FORMAT",
      description = "iso (default), epoch-millis, epoch-seconds or a pattern such as yyyy-MM-dd HH:mm.")
  String timestampFormat;

  @Option(names = "--hour-column", paramLabel = "COL", description = "Column of hours added to the event time.")
  String hourColumn;

  @Option(names = "--first-row-time", paramLabel = "TIME",
      description = "For a file without a time column whose rows are evenly spaced in time: the "
          + "event time of its first data row (ISO-8601, 1970 or later, e.g. 2000-01-01); data row "
          + "n is this plus n - 1 times --row-interval (with --rows too).")
  String firstRowTime;

  @Option(names = "--row-interval", paramLabel = "DURATION",
      description = "The time between consecutive data rows, with --first-row-time (1d for "
          + "daily rows, 1h for hourly).")
  String rowInterval;

  @Option(names = "--id-column", paramLabel = "COL", description = "Column with the request id; default <model>-<row>.")
  String idColumn;

  @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
      description = "Events per second; 0 (the default) sends as fast as possible.")
  double rate;

  @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION",
      description = "How long to wait for Kafka and the registry (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--extend-retention",
      description = {"Set retention.ms=-1 on the predictions (and labels) topic before sending, so "
          + "the broker does not delete replayed events older than the topic's retention by their "
          + "event time; restore it after the backfill."})
  boolean extendRetention;

  @Option(names = "--keep-retention",
      description = {"Send events older than the topic's retention anyway, leaving the retention "
          + "as it is (the broker may delete them before the pipeline reads them). Without this "
          + "or --extend-retention, such a replay stops before sending anything."})
  boolean keepRetention;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    // Refused before the file is read: a typo must not cost a pass over a large file.
    long timeoutMs = UsageException.duration("--timeout", timeout).toMillis();
    if (extendRetention && keepRetention) {
      throw new UsageException("--extend-retention and --keep-retention exclude each other");
    }
    if (rate < 0) {
      throw new UsageException("--rate must be 0 (as fast as possible) or more events per second "
          + "but was " + rate);
    }
    EventTimes times = eventTimes();
    Map<String, String> specialByOption = new LinkedHashMap<>();
    specialByOption.put("--timestamp-column", timestampColumn);
    specialByOption.put("--hour-column", hourColumn);
    specialByOption.put("--id-column", idColumn);
    specialByOption.values().removeIf(Objects::isNull);
    List<String> special = new ArrayList<>(specialByOption.values());
    CsvSource source = csvOptions.open(specialByOption);
    List<String> features = csvOptions.featureColumns(source, special);
    List<String> typed = new ArrayList<>(features);
    if (csvOptions.predictionColumn != null) {
      typed.add(csvOptions.predictionColumn);
    }
    if (csvOptions.labelColumn != null) {
      typed.add(csvOptions.labelColumn);
    }

    // Pass 1: check the whole file (shape, types, times) before sending anything.
    ColumnTypes inference = new ColumnTypes(typed, csvOptions.typeOverrides(), csvOptions.typeTolerance);
    long[] rows = {0};
    Instant[] earliest = {null};
    source.forEach(
        row -> {
          inference.observe(row);
          if (times != null) {
            Instant t = times.read(row, source.file().toString());
            if (earliest[0] == null || t.isBefore(earliest[0])) {
              earliest[0] = t;
            }
          }
          rows[0]++;
        });
    Map<String, ColumnType> types = inference.types(source.file().toString());

    Topics topics = connection.topics();
    Properties props = connection.kafkaProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeoutMs);
    // The client refuses a delivery timeout below linger.ms + request.timeout.ms.
    int lingerMs = 20;
    int requestTimeout = (int) Math.min(timeoutMs, 30_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
    props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.max(timeoutMs, requestTimeout + lingerMs));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Instance instance = Instance.newBuilder().setId("csv:" + source.file().getFileName()).build();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long[] sent = {0, 0};
    Progress progress = new Progress(err, "produced", rows[0]);
    long started = System.nanoTime();
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(props, new StringSerializer(), new AvroSerializer<>(topics.registry()))) {
      // Fail fast and clearly when the broker is not there, before streaming rows.
      KafkaReachability.check(producer, topics.names().predictions(), props);
      List<String> targets = new ArrayList<>(List.of(topics.names().predictions()));
      if (csvOptions.labelColumn != null) {
        targets.add(topics.names().labels());
      }
      guardRetention(targets, earliest[0], Duration.ofMillis(timeoutMs), err);
      source.forEach(
          row -> {
            if (failure.get() != null) {
              return;
            }
            Instant when = times == null ? Instant.now() : times.read(row, source.file().toString());
            String requestId = idColumn != null ? row.get(idColumn) : model + "-" + row.number();
            Map<String, Object> values = new HashMap<>();
            for (String f : features) {
              values.put(f, CellValues.parse(row.get(f), types.get(f)));
            }
            PredictionEvent event =
                PredictionEvent.newBuilder()
                    .setModelId(model)
                    .setModelVersion(modelVersion)
                    .setTimestamp(when)
                    .setInstance(instance)
                    .setRequestId(requestId)
                    .setFeatures(values)
                    .setPrediction(
                        csvOptions.predictionColumn == null ? null
                            : CellValues.parse(row.get(csvOptions.predictionColumn), types.get(csvOptions.predictionColumn)))
                    .setOutcome(Outcome.OK)
                    .build();
            producer.send(
                new ProducerRecord<>(topics.names().predictions(), null, when.toEpochMilli(), model, event),
                (md, e) -> record(e, failure));
            sent[0]++;
            if (csvOptions.labelColumn != null) {
              LabelEvent label =
                  LabelEvent.newBuilder()
                      .setModelId(model)
                      .setModelVersion(modelVersion)
                      .setTimestamp(when)
                      .setInstance(instance)
                      .setRequestId(requestId)
                      .setActual(CellValues.parse(row.get(csvOptions.labelColumn), types.get(csvOptions.labelColumn)))
                      .build();
              producer.send(
                  new ProducerRecord<>(topics.names().labels(), null, when.toEpochMilli(), model, label),
                  (md, e) -> record(e, failure));
              sent[1]++;
            }
            pace(started, sent[0]);
            progress.update(sent[0]);
          });
      producer.flush();
    }
    progress.done(sent[0]);
    if (failure.get() != null) {
      throw new IllegalStateException("sending failed: " + failure.get().getMessage(), failure.get());
    }
    String labels = csvOptions.labelColumn == null ? ""
        : String.format(Locale.ROOT, " and %,d label events to %s", sent[1],
            topics.names().labels());
    spec.commandLine().getOut().printf(Locale.ROOT, "produced %,d prediction events to %s%s for "
        + "model %s%n", sent[0], topics.names().predictions(), labels, model);
    return 0;
  }

  /** How each row's event time is found; null: now, as it is sent. */
  private EventTimes eventTimes() {
    if ((firstRowTime == null) != (rowInterval == null)) {
      throw new UsageException("--first-row-time and --row-interval go together");
    }
    if (firstRowTime != null) {
      if (timestampColumn != null || hourColumn != null) {
        throw new UsageException("--first-row-time times rows by their number; it excludes "
            + "--timestamp-column and --hour-column");
      }
      Instant first = TimeBound.parse("--first-row-time", firstRowTime, Instant.now());
      Duration interval = UsageException.duration("--row-interval", rowInterval);
      return UsageException.parsing(() -> EventTimes.everyRow(first, interval));
    }
    return timestampColumn == null ? null
        : new EventTimes(timestampColumn, timestampFormat, hourColumn);
  }

  /**
   * With {@code --extend-retention}, lifts the time-based retention of {@code targets}; else, when
   * the oldest event is older than a target's retention, stops before anything is sent (a rerun
   * with the option would send every event twice) unless {@code --keep-retention} says to go on.
   */
  private void guardRetention(List<String> targets, Instant oldest, Duration timeout, PrintWriter err) {
    if ((oldest == null || keepRetention) && !extendRetention) {
      return;
    }
    try (Admin admin = Admin.create(connection.kafkaProperties())) {
      RetentionGuard guard = new RetentionGuard(admin, timeout);
      if (extendRetention) {
        guard.unlimit(targets);
        err.println("retention.ms=-1 set on " + String.join(", ", targets) + " (restore it after the backfill)");
        return;
      }
      for (String topic : targets) {
        long retention = guard.retentionMs(topic);
        if (retention >= 0 && oldest.isBefore(Instant.now().minusMillis(retention))) {
          throw new IllegalStateException("the oldest event time, " + oldest + ", is older than "
              + "the retention of " + topic + " ("
              + dev.modelmonitor.streams.Durations.format(Duration.ofMillis(retention))
              + "): the broker deletes records by their timestamp and may drop these before the "
              + "pipeline reads them; nothing was sent. Rerun with --extend-retention for a "
              + "backfill, or --keep-retention to send them anyway");
        }
      }
    }
  }

  private static void record(Exception e, AtomicReference<Exception> failure) {
    if (e != null) {
      failure.compareAndSet(null, e);
    }
  }

  private void pace(long startedNanos, long count) {
    if (rate <= 0) {
      return;
    }
    long due = startedNanos + (long) (count * 1e9 / rate);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }


}
