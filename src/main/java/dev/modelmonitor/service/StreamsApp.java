package dev.modelmonitor.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka Streams application of the service (alerts, or reports and checks): its lifecycle,
 * its metrics and its readiness. An unexpected error shuts the client down loudly rather than
 * processing on with a half-broken topology.
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

  private final String name;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;

  public StreamsApp(String name, Topology topology, Properties properties, MeterRegistry meters) {
    this.name = name;
    this.streams = new KafkaStreams(topology, properties);
    this.streams.setUncaughtExceptionHandler(
        e -> {
          log.error("{}: unexpected error, shutting this application down", name, e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    this.metrics = new KafkaStreamsMetrics(streams, java.util.List.of(io.micrometer.core.instrument.Tag.of("app", name)));
    this.metrics.bindTo(meters);
  }

  public String name() {
    return name;
  }

  public void start() {
    streams.start();
  }

  /** Ready when the application processes: RUNNING (not while rebalancing or restoring). */
  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The client, for interactive queries of its state stores. */
  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    metrics.close();
    streams.close(Duration.ofSeconds(30));
  }
}
