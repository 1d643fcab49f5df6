package dev.modelmonitor.checks;

import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.stats.DriftThresholds;
import dev.modelmonitor.streams.DecodedStream;
import dev.modelmonitor.streams.FutureLimit;
import dev.modelmonitor.streams.Durations;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.streams.RecordValidator;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The state behind the active checks (DESIGN §4.3): per-model minute aggregates kept for {@code
 * checks.max-lookback}, each model's lifecycle, heartbeats and reference. {@code CheckRequest}s
 * keyed by modelId on {@code <prefix>checks.requests} are answered, outside the stream threads, by
 * {@link CheckResponder} from these stores, with {@code CheckResult}s keyed by requestId on
 * {@code <prefix>checks.results}: so an answer never waits behind events or an exactly-once
 * commit.
 *
 * <p>Predictions, labels, state events and references are merged into one stream and handled by
 * one processor, so a model's state lives in one task without a repartition, and the responder
 * finds a request's model in the task of the request's own partition: this assumes the five topics
 * (requests included) are co-partitioned (same partition count, all keyed by modelId with the
 * default partitioner), as {@code model-monitor topics create} makes them; {@link
 * #verifyCoPartitioned} checks it at start. Records keyed otherwise than by their modelId are
 * dead-lettered, as are undecodable ones.
 *
 * <p>State (all changelogged, named for upgrades): {@value #STATUS_STORE} (per model: first seen,
 * instances' lifecycle and heartbeats, reference version), {@value #REFERENCES_STORE}, {@value
 * #MINUTES_STORE} and {@value #DELTAS_STORE} (minute buckets, see {@code MinuteStores}), {@value
 * #JOINS_STORE} (predictions waiting up to {@code labels.max-delay} for their label, kept only for
 * models that have sent labels). Interactive queries read them through {@link ModelQueries}.
 */
public final class ChecksTopology {
  /** Names the operators and tags the dead letters. */
  public static final String COMPONENT = "checks";

  public static final String STATUS_STORE = "checks-models";
  public static final String REFERENCES_STORE = "checks-references";
  public static final String MINUTES_STORE = "checks-minutes";
  public static final String DELTAS_STORE = "checks-minute-deltas";
  public static final String JOINS_STORE = "checks-label-join";
  static final String COMMIT_HOOK = "checks-commit-hook";

  private ChecksTopology() {}

  /** Adds the checks to {@code builder}. */
  public static void addTo(StreamsBuilder builder, PipelineContext context,
      ChecksSettings settings) {
    Topics topics = context.topics();
    KStream<String, ChecksInput> predictions = DecodedStream.of(builder, context,
            topics.predictions(), COMPONENT, keyedBy(PredictionEvent::getModelId), FutureLimit.NONE)
        .<ChecksInput>mapValues(ChecksInput.Prediction::new, Named.as("checks-prediction-input"));
    KStream<String, ChecksInput> labels = DecodedStream.of(builder, context, topics.labels(),
            COMPONENT, keyedBy(LabelEvent::getModelId), FutureLimit.NONE)
        .<ChecksInput>mapValues(ChecksInput.Label::new, Named.as("checks-label-input"));
    KStream<String, ChecksInput> states = DecodedStream.of(builder, context, topics.state(),
            COMPONENT, keyedBy(StateEvent::getModelId), FutureLimit.NONE)
        .<ChecksInput>mapValues(ChecksInput.State::new, Named.as("checks-state-input"));
    KStream<String, ChecksInput> references = DecodedStream.of(builder, context,
            topics.reference(), COMPONENT, ChecksTopology::referenceProblem, FutureLimit.NONE)
        .<ChecksInput>mapValues(ChecksInput.Reference::new, Named.as("checks-reference-input"));

    addStores(builder, settings);
    predictions
        .merge(labels, Named.as("checks-merge-labels"))
        .merge(states, Named.as("checks-merge-state"))
        .merge(references, Named.as("checks-merge-reference"))
        .process(() -> new ChecksProcessor(settings, context.meterRegistry()),
            Named.as("checks-processor"),
            STATUS_STORE, REFERENCES_STORE, MINUTES_STORE, DELTAS_STORE, JOINS_STORE, COMMIT_HOOK);
  }

  private static void addStores(StreamsBuilder builder, ChecksSettings settings) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STATUS_STORE), Serdes.String(), Serdes.ByteArray())
        .withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(REFERENCES_STORE), Serdes.String(), Serdes.ByteArray())
        .withCachingDisabled());
    // A minute ends within the lookback's first minute: keep two minutes more than the longest.
    Duration retention = settings.maxLookback().plusMinutes(2);
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(MINUTES_STORE, retention, Duration.ofMinutes(1), false),
        Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DELTAS_STORE), Serdes.String(), Serdes.ByteArray())
        .withCachingDisabled());
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(JOINS_STORE, settings.labelMaxDelay().plusMinutes(1),
            Duration.ofMillis(1), false),
        Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
    builder.addStateStore(CommitHook.builder(COMMIT_HOOK));
  }

  private static <V> RecordValidator<V> keyedBy(Function<V, String> modelId) {
    return (key, value) -> keyProblem(key, modelId.apply(value));
  }

  private static String keyProblem(String key, String modelId) {
    if (modelId.isBlank()) {
      return "modelId is blank";
    }
    if (modelId.indexOf('\u0000') >= 0) {
      return "modelId contains a NUL character";
    }
    if (!modelId.equals(key)) {
      return "record key " + (key == null ? "null" : "'" + key + "'") + " is not the modelId '"
          + modelId + "'; key events by modelId so each model's events meet in one partition";
    }
    return null;
  }

  private static String referenceProblem(String key, ReferenceProfile profile) {
    String problem = keyProblem(key, profile.getModelId());
    if (problem != null) {
      return problem;
    }
    try {
      ModelReference.of(profile);
      DriftThresholds.defaults().withOverrides(profile.getDriftThresholds());
    } catch (IllegalArgumentException e) {
      return "unusable reference: " + e.getMessage();
    }
    return null;
  }

  /**
   * Checks that the checks' input topics and the requests topic have the same number of
   * partitions, so a request's partition is the one whose task holds its model's state.
   *
   * @throws IllegalStateException naming each topic's partition count when they differ, or when
   *     a topic is missing
   */
  public static void verifyCoPartitioned(Admin admin, TopicNames names, Duration timeout) {
    List<String> inputs = List.of(names.predictions(), names.labels(), names.state(),
        names.reference(), names.checkRequests());
    Map<String, TopicDescription> described;
    try {
      described = admin.describeTopics(inputs).allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe the checks' input topics " + inputs
          + ": " + e.getCause().getMessage() + "; create them with model-monitor topics create",
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not describe the checks' input topics within "
          + Durations.format(timeout), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topics", e);
    }
    Map<String, Integer> partitions = new TreeMap<>();
    described.forEach((name, d) -> partitions.put(name, d.partitions().size()));
    if (partitions.values().stream().distinct().count() > 1) {
      throw new IllegalStateException("the checks need their input topics co-partitioned (the "
          + "same partition count) so a request meets its model's events, but they have "
          + partitions + "; recreate them with one partition count");
    }
  }
}
