package dev.modelmonitor.reports;

import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.streams.DecodedStream;
import dev.modelmonitor.streams.FutureLimit;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.streams.RecordValidator;
import dev.modelmonitor.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The windowed static reports (DESIGN section 4.2): per model, tumbling windows of prediction
 * events, joined with labels and compared with the reference in force, one {@code ModelReport} per
 * model-window that had events. See the package documentation for the semantics.
 *
 * <pre>{@code
 * StreamsBuilder builder = new StreamsBuilder();
 * ReportsTopology.addTo(builder, context, ReportsSettings.from(config));
 * }</pre>
 */
public final class ReportsTopology {
  /** Names the operators and tags dead letters and metrics. */
  public static final String COMPONENT = "reports";
  /** The counter of reports emitted by this process's reports tasks. */
  public static final String REPORTS_METRIC = ReportsMetrics.REPORTS;

  private ReportsTopology() {}

  /**
   * Adds the reports topology to {@code builder}: it reads {@code <prefix>predictions}, {@code
   * <prefix>labels} and (as a global store) {@code <prefix>reference}, and writes {@code
   * <prefix>reports} and {@code <prefix>dlq}. Predictions and labels must have the same number of
   * partitions (both are keyed by modelId; {@code topics create} makes them so).
   *
   * <p>With {@code reports.label-join=never} the labels topic is not read at all, and reports
   * carry no performance.
   */
  public static void addTo(StreamsBuilder builder, PipelineContext context,
      ReportsSettings settings) {
    Topics topics = context.topics();
    AtomicLong referenceWrites = new AtomicLong();
    builder.addGlobalStore(ReportStores.references(), topics.reference().name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("reports-reference-source"),
        () -> new ReferenceStoreUpdater(topics.reference(),
            ReportsMetrics.referencesRefused(context.meterRegistry()), referenceWrites));

    // Both topics are read by one source and decoded straight into the window processor: no
    // merge, pass-through or value mapper node per event. Records dated too far ahead are
    // dead-lettered before they are decoded.
    FutureLimit future = new FutureLimit(settings.futureTolerance(),
        ReportsSettings.FUTURE_TOLERANCE);
    List<DecodedStream.Input<? extends ReportsInput>> inputs = new ArrayList<>();
    inputs.add(new DecodedStream.Input<>(topics.predictions(), () -> predictionInputs(topics),
        keyedByModel()));
    if (settings.readsLabels()) {
      inputs.add(new DecodedStream.Input<>(topics.labels(), () -> labelInputs(topics),
          labelsValid()));
    }

    builder.addStateStore(ReportStores.windows());
    builder.addStateStore(ReportStores.journal());
    builder.addStateStore(ReportStores.clock());
    builder.addStateStore(ReportStores.commitHook());
    builder.addStateStore(ReportStores.labeledModels());
    builder.addStateStore(ReportStores.latest(topics));
    List<String> stores = new ArrayList<>(List.of(ReportStores.WINDOWS, ReportStores.JOURNAL,
        ReportStores.CLOCK, ReportStores.LABELED_MODELS, ReportStores.LATEST,
        ReportStores.COMMIT_HOOK));
    if (settings.readsLabels()) {
      builder.addStateStore(ReportStores.pendingPredictions());
      builder.addStateStore(ReportStores.pendingLabels());
      stores.add(ReportStores.PENDING_PREDICTIONS);
      stores.add(ReportStores.PENDING_LABELS);
    }

    ReportsMetrics metrics = new ReportsMetrics(context.meterRegistry(),
        topics.predictions().name());
    Map<String, KStream<String, ReportsOutput>> outputs = DecodedStream.process(builder,
            context, inputs, COMPONENT, future,
            () -> new ReportProcessor(topics, settings, metrics, referenceWrites),
            "reports-windows", stores.toArray(String[]::new))
        .split(Named.as("reports-output-"))
        .branch((model, out) -> out.report() != null, Branched.as("report"))
        .defaultBranch(Branched.as("dead"));
    outputs.get("reports-output-report")
        .mapValues(ReportsOutput::report, Named.as("reports-report"))
        .to(topics.reports().name(), Produced.with(topics.reports().keySerde(),
            topics.reports().valueSerde()).withName("reports-sink"));
    outputs.get("reports-output-dead")
        .mapValues(ReportsOutput::deadLetter, Named.as("reports-late-dead-letter"))
        .to(topics.dlq().name(), Produced.with(topics.dlq().keySerde(),
            topics.dlq().valueSerde()).withName("reports-late-dlq"));
  }

  /**
   * Streams settings for the reports application beyond the service's common ones.
   *
   * <p>A task never waits for one input when the other has records ({@code
   * max.task.idle.ms=-1}): predictions and labels are processed as they come, in whatever order
   * their batches arrive. The processor keeps the join and the reports right on its own: windows
   * close by prediction time, and those that wait for labels also by label time ({@link
   * InputTime}); each side of the join waits by the other side's time ({@link JoinBuffer}). Kafka
   * Streams' own waiting (any other value) checks every input of the task on every record while
   * one is empty, as the labels topic mostly is, and idles the task whenever an input runs dry,
   * for the whole wait at every start: without it the reports topology ran at 1.14x the rate
   * (BENCHMARKS.md section 3).
   *
   * <p>Commits every second ({@code commit.interval.ms}; Kafka Streams' exactly-once default is
   * 100 ms): each commit flushes the producer and ends a transaction, a fixed cost that a report
   * closing once per window does not need ten times a second.
   *
   * <p>Reports wait for windows to close anyway, so neither costs them anything a reader sees.
   */
  public static Map<String, Object> recommendedStreamsConfig() {
    return Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED,
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L);
  }

  /**
   * The latest report per model of the tasks {@code streams} runs here ({@link
   * ReportStores#LATEST}); with several instances, {@code streams.queryMetadataForKey} says which
   * instance holds a model.
   */
  public static ReadOnlyKeyValueStore<String, ModelReport> latestReports(KafkaStreams streams) {
    return streams.store(StoreQueryParameters.fromNameAndType(ReportStores.LATEST,
        QueryableStoreTypes.keyValueStore()));
  }

  private static Deserializer<ReportsInput> predictionInputs(Topics topics) {
    PredictionDecoder decoder = new PredictionDecoder(topics.registry(),
        topics.predictions().valueSerde().deserializer());
    return (topic, bytes) -> {
      PredictionFields event = decoder.deserialize(topic, bytes);
      return event == null ? null : ReportsInput.prediction(event);
    };
  }

  private static Deserializer<ReportsInput> labelInputs(Topics topics) {
    Deserializer<LabelEvent> labels = topics.labels().valueSerde().deserializer();
    return (topic, bytes) -> {
      LabelEvent event = labels.deserialize(topic, bytes);
      return event == null ? null : ReportsInput.label(event);
    };
  }

  private static RecordValidator<ReportsInput> keyedByModel() {
    return (key, input) -> keyProblem(key, ((ReportsInput.Prediction) input).event().modelId());
  }

  private static RecordValidator<ReportsInput> labelsValid() {
    return (key, input) -> {
      LabelEvent event = ((ReportsInput.Label) input).event();
      String problem = keyProblem(key, event.getModelId());
      if (problem == null && event.getRequestId().isBlank()) {
        return "blank requestId: a label joins its prediction by requestId";
      }
      return problem;
    };
  }

  // A record keyed otherwise may sit in another partition than its model's state: reporting it
  // there could report the same model-window twice.
  private static String keyProblem(String key, String modelId) {
    if (modelId.isBlank()) {
      return "blank modelId";
    }
    if (!modelId.equals(key)) {
      return "key " + (key == null ? "null" : "'" + key + "'") + " is not the modelId '"
          + modelId + "' (events are keyed by modelId)";
    }
    return null;
  }
}
