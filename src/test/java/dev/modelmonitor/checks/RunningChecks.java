package dev.modelmonitor.checks;

import static org.awaitility.Awaitility.await;

import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.streams.StreamsClose;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The checks topology and its request responder running as the service runs them (exactly-once,
 * 1 s commits) against the test cluster, and a producer of model events.
 */
public final class RunningChecks implements AutoCloseable {
  private final KafkaStreams streams;
  private final CheckResponder responder;

  /**
   * Starts an instance of application {@code applicationId} on {@code names}' topics.
   *
   * @param applicationServer {@code host:port} for interactive queries, or null
   */
  public RunningChecks(TestCluster cluster, TopicNames names, String applicationId,
      Path stateDir, String applicationServer) {
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(cluster.registryUrl()));
    StreamsBuilder builder = new StreamsBuilder();
    ChecksSettings settings = ChecksSettings.defaults()
        .withInstanceName(applicationServer == null ? applicationId : applicationServer);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ChecksTopology.addTo(builder, new PipelineContext(topics, meters, Clock.systemUTC()),
        settings);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    if (applicationServer != null) {
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    streams = new KafkaStreams(builder.build(props), props);
    streams.start();
    Properties kafka = new Properties();
    kafka.putAll(cluster.clientProperties());
    responder = new CheckResponder(streams, topics, kafka, applicationId + "-responder",
        new CheckAnswerer(settings, meters), meters, Duration.ofMinutes(1));
    responder.start();
  }

  public KafkaStreams streams() {
    return streams;
  }

  public RunningChecks awaitRunning() {
    await().atMost(Duration.ofSeconds(60))
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
    return this;
  }

  @Override
  public void close() {
    responder.close();
    streams.close(StreamsClose.leavingGroup(Duration.ofSeconds(10)));
  }

  /** Produces model events to {@code names}' topics, keyed by model, acknowledged by all. */
  public static final class Events implements AutoCloseable {
    private final TopicNames names;
    private final KafkaProducer<String, SpecificRecord> producer;

    public Events(TestCluster cluster, TopicNames names) {
      this.names = names;
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(props, new StringSerializer(),
          new AvroSerializer<>(new HttpSchemaRegistryClient(cluster.registryUrl())));
    }

    /** {@code count} predictions now, the first {@code errors} of them failed. */
    public Events predictions(String model, int count, int errors, long latencyMicros) {
      for (int i = 0; i < count; i++) {
        PredictionEvent event = PredictionEvent.newBuilder()
            .setModelId(model)
            .setModelVersion("v1")
            .setTimestamp(Instant.now())
            .setInstance(Instance.newBuilder().setId(model + "-pod").build())
            .setRequestId(model + "-" + i)
            .setFeatures(Map.of("x", (double) i))
            .setLatencyMicros(latencyMicros)
            .setOutcome(i < errors ? Outcome.ERROR : Outcome.OK)
            .setError(i < errors ? "ValueError" : null)
            .build();
        producer.send(new ProducerRecord<>(names.predictions(), model, event));
      }
      producer.flush();
      return this;
    }

    /** The instance {@code model}-pod is READY and beats every 10 s. */
    public Events ready(String model) {
      Instance pod = Instance.newBuilder().setId(model + "-pod").build();
      for (Object what : new Object[] {
          LifecycleChange.newBuilder().setState(LifecycleState.READY).build(),
          Heartbeat.newBuilder().setSequence(1).setIntervalMillis(10_000).build()}) {
        producer.send(new ProducerRecord<>(names.state(), model, StateEvent.newBuilder()
            .setModelId(model).setModelVersion("v1").setTimestamp(Instant.now())
            .setInstance(pod).setEvent(what).build()));
      }
      producer.flush();
      return this;
    }

    @Override
    public void close() {
      producer.close();
    }
  }
}
