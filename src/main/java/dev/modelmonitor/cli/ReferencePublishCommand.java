package dev.modelmonitor.cli;

import dev.modelmonitor.csv.ColumnType;
import dev.modelmonitor.csv.CsvSource;
import dev.modelmonitor.reference.ReferenceProfiler;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.stats.DriftThresholds;
import dev.modelmonitor.topic.Topics;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-monitor reference publish}: profiles a reference dataset and publishes it to
 * {@code <prefix>reference}, keyed by the model id, where it replaces the model's previous
 * reference for windows that close from then on. The file is read and checked whole before
 * anything is sent, so a bad file publishes nothing.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = "Profile a reference dataset (CSV) and publish it as the model's reference.")
public final class ReferencePublishCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin CsvOptions csvOptions;

  @Option(names = "--model", required = true, description = "Model id the reference belongs to.")
  String model;

  @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION",
      description = "How long to wait for Kafka and the registry (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--drift-threshold", paramLabel = "KEY=VALUE",
      description = {"The model's own drift thresholds over the defaults (README, The statistics), "
          + "used by its "
          + "reports, alerts and checks (repeatable): psi, jensen_shannon, wasserstein_normed, ks, "
          + "chi_square, dataset_drift_share, small_reference_size, or <feature>.<key>, "
          + "e.g. --drift-threshold temp.wasserstein_normed=0.2."})
  Map<String, Double> driftThresholds = new LinkedHashMap<>();

  /** Stamps the reference's createdAt; tests replace it. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    long timeoutMs = UsageException.duration("--timeout", timeout).toMillis();
    // Refused before the file is read: a typo must not cost a pass over a large file.
    UsageException.parsing(() -> DriftThresholds.defaults().withOverrides(driftThresholds));
    CsvSource source = csvOptions.open(Map.of());
    List<String> features = csvOptions.featureColumns(source, List.of());
    ReferenceProfiler profiler = new ReferenceProfiler(features, csvOptions.predictionColumn,
        csvOptions.labelColumn, csvOptions.typeOverrides(), csvOptions.typeTolerance, clock);
    ProgressListener progress = new ProgressListener(err);
    ReferenceProfiler.Result result = profiler.profile(model, source, progress);
    progress.finish();
    ReferenceProfile reference = result.reference();
    reference.setDriftThresholds(new LinkedHashMap<>(driftThresholds));

    Topics topics = connection.topics();
    Properties props = connection.kafkaProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeoutMs);
    // One record: no lingering, and a delivery timeout the client accepts (>= request timeout).
    int requestTimeout = (int) Math.min(timeoutMs, 30_000);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, requestTimeout));
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    String topic = topics.names().reference();
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props,
        new StringSerializer(), new AvroSerializer<>(topics.registry()))) {
      KafkaReachability.check(producer, topic, props);
      try {
        producer.send(new ProducerRecord<>(topic, model, reference)).get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("publishing the reference to " + topic + " failed: "
            + e.getCause().getMessage(), e.getCause());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "published the reference of model %s to %s: %,d rows of %s, %d "
            + "features%s%s, task %s%n",
        model, topic, reference.getRowCount(), reference.getSource(),
        reference.getFeatures().size(),
        reference.getPrediction() == null ? "" : ", prediction " + csvOptions.predictionColumn,
        reference.getLabel() == null ? "" : ", label " + csvOptions.labelColumn,
        reference.getTaskType() == null ? "unknown"
            : reference.getTaskType().name().toLowerCase(Locale.ROOT));
    out.println("features: " + describe(reference.getFeatures(), result.types()));
    if (!driftThresholds.isEmpty()) {
      out.println("drift thresholds: " + driftThresholds);
    }
    return 0;
  }

  private static String describe(List<FeatureProfile> features, Map<String, ColumnType> types) {
    return features.stream()
        .map(f -> f.getName() + " (" + types.get(f.getName()).name().toLowerCase(Locale.ROOT)
            + ")")
        .collect(Collectors.joining(", "));
  }

  /** Shows each pass over the file as a live count on the error stream. */
  private static final class ProgressListener implements ReferenceProfiler.Listener {
    private final PrintWriter err;
    private Progress current;
    private long rows;

    ProgressListener(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void pass(String what, long total) {
      finish();
      current = new Progress(err, what, total);
      rows = 0;
    }

    @Override
    public void progress(long rows) {
      this.rows = rows;
      current.update(rows);
    }

    void finish() {
      if (current != null) {
        current.done(rows);
        current = null;
      }
    }
  }
}
