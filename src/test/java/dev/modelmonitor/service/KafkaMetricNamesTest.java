package dev.modelmonitor.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients' meters as the service registers and exports them: renamed at export only,
 * so Micrometer's Kafka binders find their own meters again, and no two metrics on one name.
 */
class KafkaMetricNamesTest {
  /** Nothing listens there: the clients are built, not connected. */
  private static final String NO_BROKER = "localhost:1";
  private static final NamingConvention EXPORT_NAMES =
      new KafkaMetricNames(new PrometheusNamingConvention());

  private static void configure(MeterRegistry registry) {
    registry.config().meterFilter(new KafkaMetricFilter());
    registry.config().namingConvention(
        new KafkaMetricNames(registry.config().namingConvention()));
  }

  @Test
  void aKafkaGaugesCountSuffixBecomesAPluralAndNothingElseIsRenamed() {
    NamingConvention names = new KafkaMetricNames(new PrometheusNamingConvention());

    assertThat(names.name("kafka.producer.connection.count", Meter.Type.GAUGE, null))
        .isEqualTo("kafka_producer_connections");
    assertThat(names.name("kafka.stream.thread.task.count", Meter.Type.GAUGE, null))
        .isEqualTo("kafka_stream_thread_tasks");
    assertThat(names.name("kafka.consumer.fetch.manager.records.lag", Meter.Type.GAUGE, null))
        .isEqualTo("kafka_consumer_fetch_manager_records_lag");
    assertThat(names.name("kafka.producer.record.send.count", Meter.Type.COUNTER, null))
        .isEqualTo("kafka_producer_record_send_count");
    assertThat(names.name("modelmonitor.model.instances.count", Meter.Type.GAUGE, null))
        .isEqualTo("modelmonitor_model_instances_count");
  }

  @Test
  void bindingAClientsMetricsAgainRegistersNoMeterTwice() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    configure(registry);
    Logger micrometer = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
    Level level = micrometer.getLevel();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    micrometer.addAppender(logged);
    micrometer.setLevel(Level.DEBUG);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clientProperties(),
            new ByteArraySerializer(), new ByteArraySerializer());
        KafkaClientMetrics first = new KafkaClientMetrics(producer);
        KafkaClientMetrics again = new KafkaClientMetrics(producer)) {
      first.bindTo(registry);
      List<Meter> bound = List.copyOf(registry.getMeters());

      // What the binder's refresh does when the client's metrics change: bind them all again.
      // The producer's sender may add per-node metrics meanwhile (it tries to connect), so the
      // count can grow; what must not happen is a second meter for a metric already bound.
      again.bindTo(registry);

      assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
          .noneMatch(message -> message.contains("already registered"));
      List<Meter> now = List.copyOf(registry.getMeters());
      assertThat(now).containsAll(bound);
      assertThat(exportedIds(now)).hasSameSizeAs(now);
      assertThat(samples(registry.scrape(), "kafka_producer_connections{")).hasSize(1);
      assertThat(samples(registry.scrape(), "kafka_producer_connection_count")).isEmpty();
    } finally {
      micrometer.detachAppender(logged);
      micrometer.setLevel(level);
      registry.close();
    }
  }

  @Test
  void everyKafkaClientMetricKeepsAnExportedNameOfItsOwn(@TempDir Path state) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    configure(registry);
    Properties streamsProps = clientProperties();
    streamsProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "names");
    streamsProps.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clientProperties(),
            new ByteArraySerializer(), new ByteArraySerializer());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaStreams streams = new KafkaStreams(builder.build(), streamsProps);
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams)) {
      producerMetrics.bindTo(registry);
      consumerMetrics.bindTo(registry);
      streamsMetrics.bindTo(registry); // its admin client's too

      List<Meter> kafka = registry.getMeters().stream()
          .filter(m -> m.getId().getName().startsWith("kafka.")).toList();

      assertThat(exportedIds(kafka)).hasSameSizeAs(kafka);
      assertThat(kafka).extracting(m -> m.getId().getConventionName(EXPORT_NAMES))
          .contains("kafka_producer_connections", "kafka_consumer_connections",
              "kafka_admin_client_connections");
    } finally {
      registry.close();
    }
  }

  /** Each meter's exported name with its tags: one per meter unless two share a name. */
  private static Set<String> exportedIds(List<Meter> meters) {
    Set<String> exported = new HashSet<>();
    meters.forEach(m ->
        exported.add(m.getId().getConventionName(EXPORT_NAMES) + m.getId().getTags()));
    return exported;
  }

  private static Properties clientProperties() {
    Properties props = new Properties();
    props.put("bootstrap.servers", NO_BROKER);
    return props;
  }

  private static Properties consumerProperties() {
    Properties props = clientProperties();
    props.putAll(Map.of("group.id", "names"));
    return props;
  }

  private static List<String> samples(String scrape, String prefix) {
    return Arrays.stream(scrape.split("\n")).filter(line -> line.startsWith(prefix)).toList();
  }
}
