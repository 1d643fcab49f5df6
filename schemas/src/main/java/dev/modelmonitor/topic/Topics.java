package dev.modelmonitor.topic;

import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The typed topics of the pipeline for one prefix and one schema registry. */
public final class Topics {
  private final TopicNames names;
  private final SchemaRegistryClient registry;
  private final Serde<String> keySerde = Serdes.String();

  public Topics(TopicNames names, SchemaRegistryClient registry) {
    this.names = names;
    this.registry = registry;
  }

  public TopicNames names() {
    return names;
  }

  public SchemaRegistryClient registry() {
    return registry;
  }

  public Topic<PredictionEvent> predictions() {
    return topic(MonitorTopic.PREDICTIONS, PredictionEvent.class);
  }

  public Topic<LabelEvent> labels() {
    return topic(MonitorTopic.LABELS, LabelEvent.class);
  }

  public Topic<StateEvent> state() {
    return topic(MonitorTopic.STATE, StateEvent.class);
  }

  public Topic<ReferenceProfile> reference() {
    return topic(MonitorTopic.REFERENCE, ReferenceProfile.class);
  }

  public Topic<AlertRule> rules() {
    return topic(MonitorTopic.RULES, AlertRule.class);
  }

  public Topic<Alert> alerts() {
    return topic(MonitorTopic.ALERTS, Alert.class);
  }

  public Topic<ModelReport> reports() {
    return topic(MonitorTopic.REPORTS, ModelReport.class);
  }

  public Topic<CheckRequest> checkRequests() {
    return topic(MonitorTopic.CHECK_REQUESTS, CheckRequest.class);
  }

  public Topic<CheckResult> checkResults() {
    return topic(MonitorTopic.CHECK_RESULTS, CheckResult.class);
  }

  public Topic<DeadLetter> dlq() {
    return topic(MonitorTopic.DLQ, DeadLetter.class);
  }

  private <V extends SpecificRecord> Topic<V> topic(MonitorTopic topic, Class<V> type) {
    return new Topic<>(names.name(topic), keySerde, AvroSerde.forValue(registry, type));
  }
}
