package dev.modelmonitor.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import dev.modelmonitor.streams.StreamsClose;
import java.time.Duration;
import java.util.List;
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
  /** How long a close may take: committing, flushing the stores, leaving the group. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final boolean leaveGroupOnClose;

  /**
   * Creates (does not start) the application.
   *
   * @param leaveGroupOnClose leave the consumer group on close (else stay in it until the
   *     session times out, for static membership)
   */
  public StreamsApp(String name, Topology topology, Properties properties, MeterRegistry meters,
      boolean leaveGroupOnClose) {
    this.name = name;
    this.leaveGroupOnClose = leaveGroupOnClose;
    this.streams = new KafkaStreams(topology, properties);
    this.streams.setUncaughtExceptionHandler(
        e -> {
          log.error("{}: unexpected error, shutting this application down", name, e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    this.metrics = new KafkaStreamsMetrics(streams, List.of(Tag.of("app", name)));
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
    streams.close(StreamsClose.of(leaveGroupOnClose, CLOSE_TIMEOUT));
  }
}
