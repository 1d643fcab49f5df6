package dev.modelmonitor.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.producer.testing.ManualClock;
import dev.modelmonitor.producer.testing.TopicReader;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ResourceSample;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ingest requests into the real broker, read back as Avro through the registry. */
@ExtendWith(LocalClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestHandlerIT {
  private static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");
  private TestCluster cluster;
  private TopicNames topics;
  private KafkaProducer<String, byte[]> producer;
  private IngestHandler handler;

  @BeforeAll
  void start(TestCluster cluster) {
    this.cluster = cluster;
    this.topics = cluster.createTopics();
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
            new StringSerializer(),
            new ByteArraySerializer());
    handler =
        new IngestHandler(
            producer,
            new Topics(topics, new HttpSchemaRegistryClient(cluster.registryUrl())),
            IngestLimits.DEFAULTS,
            new ManualClock(NOW),
            new SimpleMeterRegistry());
  }

  @AfterAll
  void stop() {
    producer.close();
  }

  private IngestResponse post(String kind, String json) {
    byte[] body = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    return handler.handle(kind, body, body.length);
  }

  private <T extends org.apache.avro.specific.SpecificRecord> List<TopicReader.Read<T>> read(
      String topic, Class<T> type, int count) {
    try (TopicReader<T> reader = new TopicReader<>(cluster.bootstrapServers(), cluster.registryUrl(), topic, type)) {
      return reader.readUntil(r -> r.size() >= count, Duration.ofSeconds(30));
    }
  }

  @Test
  void writesTheValidPredictionsAndReportsTheInvalidOnesWith207() {
    IngestResponse response =
        post("predictions",
            "[{'modelId':'flask-churn','modelVersion':'2','timestamp':'2025-06-30T23:59:00Z','requestId':'a',"
                + "'instance':{'id':'web-1','hostname':'web-1'},"
                + "'features':{'age':41,'plan':'pro','income':52000.5,'vip':false,'zip':null},"
                + "'prediction':1,'scores':{'0':0.3,'1':0.7},'latencyMicros':850},"
                + "{'modelId':'flask-churn','features':{'age':[1]}},"
                + "{'modelId':'flask-churn','requestId':'c','outcome':'ERROR','error':'ValueError','errorMessage':'bad input'}]");
    assertThat(response.status()).isEqualTo(207);
    assertThat(response.json())
        .isEqualTo("{\"accepted\":2,\"rejected\":1,\"errors\":[{\"index\":1,"
            + "\"reason\":\"features.age must be null, a boolean, a number or a string but was an array\"}]}");

    List<TopicReader.Read<PredictionEvent>> read = read(topics.predictions(), PredictionEvent.class, 2);
    assertThat(read).extracting(TopicReader.Read::key).containsExactly("flask-churn", "flask-churn");
    Map<String, Object> features = new java.util.HashMap<>();
    features.put("age", 41L);
    features.put("plan", "pro");
    features.put("income", 52000.5);
    features.put("vip", false);
    features.put("zip", null);
    assertThat(read.get(0).value())
        .isEqualTo(new PredictionEvent("flask-churn", "2", Instant.parse("2025-06-30T23:59:00Z"),
            new Instance("web-1", "web-1", null, null, null, null, null), "a", features, 1L,
            Map.of("0", 0.3, "1", 0.7), 850L, Outcome.OK, null, null));
    assertThat(read.get(0).timestamp()).isEqualTo(Instant.parse("2025-06-30T23:59:00Z").toEpochMilli());
    assertThat(read.get(1).value())
        .isEqualTo(new PredictionEvent("flask-churn", null, NOW, null, "c", Map.of(), null, null, null,
            Outcome.ERROR, "ValueError", "bad input"));
  }

  @Test
  void writesLabelsAndStateEventsWith200() {
    assertThat(post("labels", "[{'modelId':'flask-churn','requestId':'a','actual':0,'timestamp':1751328000000}]").json())
        .isEqualTo("{\"accepted\":1,\"rejected\":0,\"errors\":[]}");
    assertThat(read(topics.labels(), LabelEvent.class, 1).get(0).value())
        .isEqualTo(new LabelEvent("flask-churn", null, Instant.ofEpochMilli(1751328000000L), null, "a", 0L));

    IngestResponse state =
        post("state",
            "[{'modelId':'flask-churn','type':'lifecycle','state':'FAILED','reason':'model file missing'},"
                + "{'modelId':'flask-churn','type':'heartbeat','sequence':3,'uptimeMillis':30000,'intervalMillis':10000},"
                + "{'modelId':'flask-churn','type':'resources','cgroupVersion':'v2','cpuCoresUsed':0.25,"
                + "'memoryBytesUsed':104857600,'memoryBytesLimit':536870912}]");
    assertThat(state.status()).isEqualTo(200);
    assertThat(read(topics.state(), StateEvent.class, 3)).extracting(r -> r.value().getEvent())
        .containsExactly(
            new LifecycleChange(LifecycleState.FAILED, "model file missing"),
            new Heartbeat(3L, 30000L, 10000L),
            new ResourceSample("v2", 0.25, null, 104857600L, 536870912L, null));
  }
}
