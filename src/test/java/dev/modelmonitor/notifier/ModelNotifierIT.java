package dev.modelmonitor.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.notifier.config.NotifierConfig;
import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalClusterExtension.class)
class ModelNotifierIT {
  private static final String SECRET = "it-secret";
  private final HttpReceiver hook = new HttpReceiver(SECRET);
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private TestCluster cluster;
  private Topics topics;
  private String groupId;

  @BeforeEach
  void topics(TestCluster cluster) {
    this.cluster = cluster;
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 1);
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.registryUrl());
    closeables.add(registry);
    topics = new Topics(names, registry);
    groupId = cluster.uniqueName("notifier");
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    hook.close();
  }

  private NotifierConfig config(String global, String retry) {
    return NotifierConfigLoader.parse(
        """
        global: { %s }
        receivers:
          - name: hook
            type: webhook
            url: %s
            secret: %s
            retry: { %s }
        default_receivers: [hook]
        """.formatted(global, hook.url("/hook"), SECRET, retry),
        Map.of());
  }

  private ModelNotifier start(NotifierConfig config, SimpleMeterRegistry meters) {
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", cluster.bootstrapServers());
    kafka.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    ModelNotifier notifier = new ModelNotifier(config, topics, kafka, meters);
    closeables.add(notifier);
    notifier.start();
    return notifier;
  }

  private void publish(Alert... alerts) throws Exception {
    try (KafkaProducer<String, Alert> producer =
        new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers()),
            topics.alerts().keySerde().serializer(), topics.alerts().valueSerde().serializer())) {
      for (Alert alert : alerts) {
        producer.send(new ProducerRecord<>(topics.alerts().name(), alert.getModelId(), alert))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private Long committed() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      OffsetAndMetadata o = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get()
          .get(new TopicPartition(topics.alerts().name(), 0));
      return o == null ? null : o.offset();
    }
  }

  private List<DeadLetter> deadLetters() {
    try (KafkaConsumer<String, DeadLetter> consumer =
        new KafkaConsumer<>(Map.of("bootstrap.servers", cluster.bootstrapServers()),
            topics.dlq().keySerde().deserializer(), topics.dlq().valueSerde().deserializer())) {
      TopicPartition tp = new TopicPartition(topics.dlq().name(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<DeadLetter> out = new ArrayList<>();
      consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.value()));
      return out;
    }
  }

  @Test
  void deliversFiringThenResolvedAndCommitsPastBoth() throws Exception {
    start(config("", ""), new SimpleMeterRegistry());
    publish(TestAlerts.firing(), TestAlerts.resolved());

    await().until(() -> hook.requests().size() == 2);
    assertThat(hook.requests()).extracting(r -> r.header("Idempotency-Key"))
        .containsExactly("a-7f3e:FIRING", "a-7f3e:RESOLVED");
    assertThat(hook.requests()).allMatch(HttpReceiver.Request::signatureValid);
    await().until(() -> Long.valueOf(2).equals(committed()));
  }

  @Test
  void aRestartInTheMiddleOfARetryLosesNothing() throws Exception {
    hook.goDown();
    SimpleMeterRegistry first = new SimpleMeterRegistry();
    ModelNotifier before = start(
        config("", "max_attempts: 1000, initial_backoff: 50ms, max_backoff: 200ms"), first);
    publish(TestAlerts.firing());
    await().until(() -> first.find(NotifierMetrics.RETRIED).counters().stream()
        .mapToDouble(c -> c.count()).sum() >= 2);

    before.close();
    // Nothing delivered: the group has not moved past the alert (offset 0, or no commit at all).
    assertThat(committed()).isIn(null, 0L);
    assertThat(hook.requests()).isEmpty();

    hook.comeBack();
    start(config("", "max_attempts: 1000, initial_backoff: 50ms, max_backoff: 200ms"),
        new SimpleMeterRegistry());

    await().until(() -> hook.requests().size() == 1);
    assertThat(hook.requests().get(0).header("Idempotency-Key")).isEqualTo("a-7f3e:FIRING");
    await().until(() -> Long.valueOf(1).equals(committed()));
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void aReceiverThatNeverComesBackLeavesADeadLetterWithTheReasonAndTheAlert() throws Exception {
    hook.goDown();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    start(config("", "max_attempts: 2, initial_backoff: 10ms, max_backoff: 10ms"), meters);
    Alert alert = TestAlerts.firing();
    publish(alert);

    await().until(() -> deadLetters().size() == 1);
    DeadLetter letter = deadLetters().get(0);
    assertThat(letter.getReason()).isEqualTo("DELIVERY");
    assertThat(letter.getComponent()).isEqualTo("notifier");
    assertThat(letter.getSourceTopic()).isEqualTo(topics.alerts().name());
    assertThat(letter.getSourceOffset()).isEqualTo(0L);
    assertThat(letter.getHeaders()).containsEntry("receiver", "hook").containsEntry("attempts", "2");
    assertThat(letter.getMessage())
        .startsWith("gave up after 2 attempts: POST " + hook.url("/hook") + " failed: java.net.ConnectException");
    assertThat(StandardCharsets.UTF_8.decode(letter.getKey()).toString()).isEqualTo("fraud-model");
    byte[] value = new byte[letter.getValue().remaining()];
    letter.getValue().get(value);
    assertThat(topics.alerts().valueSerde().deserializer().deserialize(topics.alerts().name(), value))
        .isEqualTo(alert);
    await().until(() -> Long.valueOf(1).equals(committed()));
    await().until(() -> meters.find(NotifierMetrics.DEAD_LETTERED).tag("receiver", "hook").counter() != null
        && meters.get(NotifierMetrics.DEAD_LETTERED).tag("receiver", "hook").counter().count() == 1.0);
  }

  @Test
  void anUnreadableRecordIsDeadLetteredAndTheAlertsAfterItStillArrive() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    start(config("", ""), meters);
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
        Map.of("bootstrap.servers", cluster.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topics.alerts().name(), "fraud-model".getBytes(StandardCharsets.UTF_8),
          "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }
    publish(TestAlerts.firing());

    await().until(() -> hook.requests().size() == 1);
    await().until(() -> deadLetters().size() == 1);
    DeadLetter letter = deadLetters().get(0);
    assertThat(letter.getReason()).isEqualTo("DESERIALIZATION");
    assertThat(letter.getComponent()).isEqualTo("notifier");
    assertThat(letter.getMessage()).startsWith("MISSING_MAGIC_BYTE");
    assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("{\"not\":\"avro\"}");
    await().until(() -> Long.valueOf(2).equals(committed()));
    assertThat(meters.get(NotifierMetrics.DLQ_RECORDS).tag("reason", "DESERIALIZATION").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void alertsStillFiringAtARestartAreRepeatedByTheNextNotifier() throws Exception {
    ModelNotifier before = start(config("repeat_interval: 1h", ""), new SimpleMeterRegistry());
    Alert longAgo = TestAlerts.errorRate().setEmittedAt(Instant.now().minus(Duration.ofHours(2))).build();
    Alert resolvedOne = TestAlerts.drift("d-1", "churn-model");
    publish(longAgo, resolvedOne, Alert.newBuilder(resolvedOne)
        .setStatus(dev.modelmonitor.schema.AlertStatus.RESOLVED).setEndsAt(Instant.now()).build());
    await().until(() -> hook.requests().size() == 3);
    await().until(() -> Long.valueOf(3).equals(committed()));
    before.close();

    start(config("repeat_interval: 1h", ""), new SimpleMeterRegistry());

    // a-7f3e fired two hours ago and is still firing: its repeat is overdue and sent at once;
    // d-1 was resolved and is not repeated.
    await().until(() -> hook.requests().size() == 4);
    HttpReceiver.Request repeat = hook.requests().get(3);
    assertThat(repeat.header("Idempotency-Key")).isEqualTo("a-7f3e:FIRING");
    assertThat(repeat.json().get("repeat").asInt()).isEqualTo(1);
  }
}
