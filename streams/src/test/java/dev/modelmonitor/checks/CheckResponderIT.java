package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.streams.StreamsClose;
import dev.modelmonitor.topic.Topic;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The responder beside a real exactly-once checks application on a two-partition cluster: what a
 * caller of the requests topic sees on the results and dead-letter topics.
 */
@ExtendWith(LocalClusterExtension.class)
class CheckResponderIT {
  private static TestCluster cluster;
  private static Topics topics;
  private static ServiceInstance instance;
  private static KafkaProducer<byte[], byte[]> producer;
  private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private static final List<ConsumerRecord<byte[], byte[]>> results = new ArrayList<>();
  private static final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
  private static KafkaConsumer<byte[], byte[]> reader;

  @BeforeAll
  static void start(TestCluster testCluster, @TempDir Path stateDir) throws Exception {
    cluster = testCluster;
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 2);
    topics = new Topics(names, new HttpSchemaRegistryClient(cluster.registryUrl()));
    producer = new KafkaProducer<>(clientProperties(), new ByteArraySerializer(),
        new ByteArraySerializer());
    // Sent before anything answers: read once the responder runs.
    send("early", request("early-1", "early").build(), System.currentTimeMillis());

    instance = ServiceInstance.start(topics, cluster.uniqueName("responder"), "instance-a",
        stateDir.resolve("a"));

    Properties readerProps = clientProperties();
    readerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    reader = new KafkaConsumer<>(readerProps, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(names.checkResults(), names.dlq())) {
      IntStream.range(0, 2).forEach(p -> partitions.add(new TopicPartition(topic, p)));
    }
    reader.assign(partitions);
    reader.seekToBeginning(partitions);
  }

  @AfterAll
  static void stop() {
    instance.close();
    producer.close();
    reader.close();
  }

  /** One instance of the service's checks: the Streams application and its responder. */
  private record ServiceInstance(KafkaStreams streams, CheckResponder responder)
      implements AutoCloseable {
    static ServiceInstance start(Topics topics, String applicationId, String name,
        Path stateDir) {
      ChecksSettings settings = ChecksSettings.defaults().withInstanceName(name);
      StreamsBuilder builder = new StreamsBuilder();
      ChecksTopology.addTo(builder, new PipelineContext(topics, meters, Clock.systemUTC()),
          settings);
      Properties props = clientProperties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
      props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
      KafkaStreams streams = new KafkaStreams(builder.build(props), props);
      streams.start();
      CheckResponder responder = new CheckResponder(streams, topics, clientProperties(),
          applicationId + "-responder", new CheckAnswerer(settings, meters), meters,
          Duration.ofMinutes(1));
      responder.start();
      return new ServiceInstance(streams, responder);
    }

    /** Whether this instance holds the partition of {@code model}'s requests and state. */
    boolean holds(Topics topics, String model) {
      int partition = Utils.toPositive(Utils.murmur2(model.getBytes())) % 2;
      return streams.metadataForLocalThreads().stream()
          .flatMap(t -> t.activeTasks().stream())
          .flatMap(task -> task.topicPartitions().stream())
          .anyMatch(tp -> tp.topic().equals(topics.predictions().name())
              && tp.partition() == partition);
    }

    int activeTasks() {
      return streams.metadataForLocalThreads().stream()
          .mapToInt(t -> t.activeTasks().size()).sum();
    }

    @Override
    public void close() {
      responder.close();
      // As the service closes: leaving the group, so the other instance takes over at once.
      streams.close(StreamsClose.leavingGroup(Duration.ofSeconds(10)));
    }
  }

  private static Properties clientProperties() {
    Properties props = new Properties();
    props.putAll(cluster.clientProperties());
    return props;
  }

  private static CheckRequest.Builder request(String requestId, String model) {
    return CheckRequest.newBuilder().setRequestId(requestId).setModelId(model)
        .setChecks(List.of(CheckType.HEALTH)).setLookbackSeconds(900)
        .setRequestedAt(Instant.now()).setRequestedBy("test");
  }

  private static RecordMetadata send(String key, CheckRequest request, long timestamp)
      throws Exception {
    return sendRaw(key, serialize(topics.checkRequests(), request), timestamp);
  }

  private static RecordMetadata sendRaw(String key, byte[] value, long timestamp)
      throws ExecutionException, InterruptedException {
    return producer.send(new ProducerRecord<>(topics.checkRequests().name(), null, timestamp,
        key.getBytes(), value)).get();
  }

  private static <V> byte[] serialize(Topic<V> topic, V value) {
    return topic.valueSerde().serializer().serialize(topic.name(), value);
  }

  /** Reads what reached the results and dead-letter topics so far. */
  private static synchronized void readAvailable() {
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
      (record.topic().equals(topics.dlq().name()) ? deadLetters : results).add(record);
    }
  }

  private static List<CheckResult> resultsFor(String... requestIds) {
    List<String> wanted = List.of(requestIds);
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      readAvailable();
      return results.stream().map(r -> new String(r.key())).filter(wanted::contains)
          .distinct().count() == wanted.size();
    });
    Topic<CheckResult> topic = topics.checkResults();
    return results.stream()
        .filter(r -> wanted.contains(new String(r.key())))
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
        .toList();
  }

  private static List<DeadLetter> deadLettersKeyed(String key) {
    Topic<DeadLetter> topic = topics.dlq();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      readAvailable();
      return deadLetters.stream().anyMatch(r -> key.equals(new String(r.key())));
    });
    return deadLetters.stream().filter(r -> key.equals(new String(r.key())))
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
        .toList();
  }

  private static double counter(String name, String tag, String value) {
    return meters.get(name).tag(tag, value).counter().count();
  }

  @Test
  void aRequestSentBeforeTheResponderRanIsAnswered() {
    assertThat(resultsFor("early-1")).extracting(CheckResult::getStatus,
            CheckResult::getAnsweredBy)
        .containsExactly(tuple(CheckStatus.UNKNOWN_MODEL, "instance-a"));
  }

  @Test
  void answersCoverTheEventsTheChecksApplicationCommitted() throws Exception {
    for (int i = 0; i < 10; i++) {
      PredictionEvent event = PredictionEvent.newBuilder().setModelId("counted")
          .setModelVersion("v1").setTimestamp(Instant.now())
          .setInstance(Instance.newBuilder().setId("pod").build())
          .setRequestId("counted-" + i).setFeatures(Map.of())
          .setOutcome(i < 3 ? Outcome.ERROR : Outcome.OK).build();
      producer.send(new ProducerRecord<>(topics.predictions().name(), "counted".getBytes(),
          serialize(topics.predictions(), event)));
    }
    producer.flush();

    // Asked until the commit that holds all ten is in the stores (at most a commit interval).
    List<String> messages = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      String id = "counted-ask-" + messages.size();
      send("counted", request(id, "counted").build(), System.currentTimeMillis());
      CheckResult result = resultsFor(id).get(0);
      messages.add(result.getFindings().stream()
          .filter(f -> f.getMetric().equals("error_rate")).map(f -> f.getMessage())
          .findFirst().orElse(result.getMessage()));
      return messages.get(messages.size() - 1).contains("of 10 predictions");
    });

    assertThat(messages.get(messages.size() - 1))
        .startsWith("30% of 10 predictions not OK (ERROR 3)");
  }

  @Test
  void aMalformedRequestGetsAnErrorResultAndADeadLetterWithItsBytes() throws Exception {
    CheckRequest request = request("bad-1", "m").setLookbackSeconds(0).build();
    RecordMetadata sent = send("m", request, System.currentTimeMillis());

    assertThat(resultsFor("bad-1")).extracting(CheckResult::getStatus, CheckResult::getMessage)
        .containsExactly(tuple(CheckStatus.ERROR, "lookbackSeconds must be > 0 but was 0"));
    List<DeadLetter> letters = deadLettersKeyed("m");
    assertThat(letters).extracting(DeadLetter::getReason, DeadLetter::getMessage,
            DeadLetter::getComponent, DeadLetter::getSourceTopic, DeadLetter::getSourcePartition,
            DeadLetter::getSourceOffset)
        .containsExactly(tuple("VALIDATION", "lookbackSeconds must be > 0 but was 0", "checks",
            topics.checkRequests().name(), sent.partition(), sent.offset()));
    assertThat(topics.checkRequests().valueSerde().deserializer().deserialize(
        topics.checkRequests().name(), letters.get(0).getValue().array())).isEqualTo(request);
    assertThat(counter(CheckResponder.DLQ_METRIC, "reason", "VALIDATION")).isEqualTo(1.0);
  }

  @Test
  void anUndecodableRequestIsDeadLetteredAndTheNextOneStillAnswered() throws Exception {
    RecordMetadata sent =
        sendRaw("garbled", "{\"requestId\":\"r1\"}".getBytes(), System.currentTimeMillis());
    send("garbled", request("after-garbled", "garbled").build(), System.currentTimeMillis());

    assertThat(resultsFor("after-garbled")).extracting(CheckResult::getStatus)
        .containsExactly(CheckStatus.UNKNOWN_MODEL);
    assertThat(deadLettersKeyed("garbled")).extracting(DeadLetter::getReason,
            DeadLetter::getSourcePartition, DeadLetter::getSourceOffset)
        .containsExactly(tuple("DESERIALIZATION", sent.partition(), sent.offset()));
    assertThat(counter(CheckResponder.DLQ_METRIC, "reason", "DESERIALIZATION")).isEqualTo(1.0);
  }

  @Test
  void aRequestOlderThanTheMaxAgeIsCountedNotAnswered() throws Exception {
    long twoMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(2).toMillis();
    send("stale", request("stale-1", "stale").build(), twoMinutesAgo);
    send("stale", request("stale-2", "stale").build(), System.currentTimeMillis());

    // Same key, same partition: once stale-2 is answered, stale-1 was read before it.
    assertThat(resultsFor("stale-2")).hasSize(1);
    assertThat(results).noneMatch(r -> new String(r.key()).equals("stale-1"));
    assertThat(meters.get(CheckResponder.EXPIRED_METRIC).counter().count()).isEqualTo(1.0);
  }

  @Test
  void requestsFollowTheirModelWhenItsTaskMovesToAnotherInstance(@TempDir Path stateDir)
      throws Exception {
    Topics moving = new Topics(cluster.createTopics(cluster.newTopicNames(), 2),
        new HttpSchemaRegistryClient(cluster.registryUrl()));
    String applicationId = cluster.uniqueName("moving");
    try (ServiceInstance a =
        ServiceInstance.start(moving, applicationId, "mover-a", stateDir.resolve("a"))) {
      ServiceInstance b =
          ServiceInstance.start(moving, applicationId, "mover-b", stateDir.resolve("b"));
      await().atMost(Duration.ofSeconds(90)).until(() -> a.activeTasks() == 1
          && b.activeTasks() == 1 && b.streams().state() == KafkaStreams.State.RUNNING);
      String onB = IntStream.range(0, 100).mapToObj(i -> "model-" + i)
          .filter(m -> b.holds(moving, m)).findFirst().orElseThrow();

      ask(moving, onB, "before-move");
      assertThat(answer(moving, "before-move").getAnsweredBy()).isEqualTo("mover-b");
      b.close();
      ask(moving, onB, "while-moving"); // before a holds the partition: read once it does

      // b left the group on close: a takes its task well within the 45 s session timeout.
      await().atMost(Duration.ofSeconds(25)).until(() -> a.activeTasks() == 2);
      assertThat(answer(moving, "while-moving").getAnsweredBy()).isEqualTo("mover-a");
    }
  }

  private static void ask(Topics on, String model, String requestId) throws Exception {
    producer.send(new ProducerRecord<>(on.checkRequests().name(), model.getBytes(),
        serialize(on.checkRequests(), request(requestId, model).build()))).get();
  }

  /** The result of {@code requestId} on {@code on}'s results topic, once there. */
  private static CheckResult answer(Topics on, String requestId) {
    Topic<CheckResult> topic = on.checkResults();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clientProperties(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<CheckResult> found = new ArrayList<>();
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (requestId.equals(new String(r.key()))) {
            found.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
          }
        }
        return !found.isEmpty();
      });
      return found.get(0);
    }
  }
}
