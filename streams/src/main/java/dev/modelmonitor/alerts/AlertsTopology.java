package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.RuleRecords;
import dev.modelmonitor.alerts.rules.RuleValidationException;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.streams.DecodedStream;
import dev.modelmonitor.streams.FutureLimit;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.Topic;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The dynamic alerts topology (DESIGN §4.1): rules from the compacted rules topic, evaluated
 * per model over sliding windows of the prediction and state events, emitting FIRING and
 * RESOLVED transitions to the alerts topic. A pure builder: the service owns the {@code
 * KafkaStreams} that runs it, with {@link #recommendedStreamsConfig()}.
 *
 * <p>Shape: the rules and reference topics feed global in-memory stores (every instance sees
 * every rule and reference, and a change reaches evaluation within one evaluation interval); the
 * prediction and state topics (keyed by model id, and so co-partitioned: create them with the
 * same partition count) are decoded, bad records (and records dated more than {@code
 * alerts.future-tolerance} ahead of the wall clock) dead-lettered, merged and evaluated by one
 * processor per task that owns its models' state.
 */
public final class AlertsTopology {
  /** Names operators and tags dead letters and metrics. */
  public static final String COMPONENT = "alerts";

  private AlertsTopology() {}

  /** Adds the alerts topology to {@code builder}. */
  public static void addTo(StreamsBuilder builder, PipelineContext context, AlertsSettings settings) {
    addTo(builder, context, settings, new StatsDriftMeter());
  }

  static void addTo(
      StreamsBuilder builder, PipelineContext context, AlertsSettings settings, DriftMeter drift) {
    Topic<AlertRule> rules = context.topics().rules();
    Topic<ReferenceProfile> reference = context.topics().reference();
    Topic<Alert> alerts = context.topics().alerts();

    builder.addGlobalStore(
        AlertStores.rules(),
        rules.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(COMPONENT + "-rules-source"),
        () -> new CompactedTopicUpdater(AlertStores.RULES, rules.name(), ruleCheck(rules), context.meterRegistry()));
    builder.addGlobalStore(
        AlertStores.references(),
        reference.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(COMPONENT + "-reference-source"),
        () -> new CompactedTopicUpdater(
            AlertStores.REFERENCES, reference.name(), referenceCheck(reference, drift), context.meterRegistry()));
    builder.addStateStore(AlertStores.modelState());
    FutureLimit future = new FutureLimit(settings.futureTolerance(), AlertsSettings.FUTURE_TOLERANCE);

    KStream<String, SpecificRecord> predictions =
        DecodedStream.of(builder, context, context.topics().predictions(), COMPONENT, AlertsTopology::predictionProblem, future)
            .mapValues(e -> (SpecificRecord) e, Named.as(COMPONENT + "-predictions-signal"));
    KStream<String, SpecificRecord> state =
        DecodedStream.of(builder, context, context.topics().state(), COMPONENT, AlertsTopology::stateProblem, future)
            .mapValues(e -> (SpecificRecord) e, Named.as(COMPONENT + "-state-signal"));
    predictions
        .merge(state, Named.as(COMPONENT + "-signals"))
        .process(
            () -> new AlertEvaluator(settings, rules, reference, drift, context.meterRegistry()),
            Named.as(COMPONENT + "-evaluate"),
            AlertStores.MODEL_STATE)
        .to(alerts.name(), Produced.with(alerts.keySerde(), alerts.valueSerde()).withName(COMPONENT + "-sink"));
  }

  /**
   * Streams settings for the alerts application: at-least-once (alerts are idempotent by alertId
   * and status, DESIGN §7), no record cache, a 100 ms commit interval, an unbatched producer, and
   * no waiting for the other input topic of a task ({@code max.task.idle.ms=-1}: prediction and
   * state events need no joint time order), so an alert leaves within milliseconds of the event
   * that caused it.
   */
  public static Map<String, Object> recommendedStreamsConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
    config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    return config;
  }

  static String predictionProblem(String key, PredictionEvent e) {
    if (e.getModelId() == null || e.getModelId().isBlank()) {
      return "blank modelId";
    }
    if (!e.getModelId().equals(key)) {
      return "record key '" + key + "' is not the event's modelId '" + e.getModelId()
          + "'; predictions must be keyed by modelId";
    }
    if (e.getLatencyMicros() != null && e.getLatencyMicros() < 0) {
      return "negative latencyMicros " + e.getLatencyMicros();
    }
    return null;
  }

  static String stateProblem(String key, StateEvent e) {
    if (e.getModelId() == null || e.getModelId().isBlank()) {
      return "blank modelId";
    }
    if (!e.getModelId().equals(key)) {
      return "record key '" + key + "' is not the event's modelId '" + e.getModelId()
          + "'; state events must be keyed by modelId";
    }
    return null;
  }

  private static CompactedTopicUpdater.Check ruleCheck(Topic<AlertRule> topic) {
    return (key, value) -> {
      try {
        RuleRecords.decode(topic, key, value);
        return null;
      } catch (RuleValidationException e) {
        return e.getMessage();
      }
    };
  }

  private static CompactedTopicUpdater.Check referenceCheck(Topic<ReferenceProfile> topic, DriftMeter drift) {
    return (key, value) -> {
      try {
        ReferenceProfile profile = topic.valueSerde().deserializer().deserialize(topic.name(), value);
        if (!key.equals(profile.getModelId())) {
          return "reference of '" + profile.getModelId() + "' published under key '" + key
              + "'; the key must be the modelId";
        }
        drift.prepare(profile);
        return null;
      } catch (RuntimeException e) {
        return "not a usable reference profile: " + e.getMessage();
      }
    };
  }
}
