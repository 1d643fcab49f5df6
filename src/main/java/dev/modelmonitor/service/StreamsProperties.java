package dev.modelmonitor.service;

import dev.modelmonitor.alerts.AlertsTopology;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.reports.ReportsTopology;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings of the service's three applications, derived from {@link
 * MonitorConfig}: the alerts application favours latency (at-least-once, no caching, {@code
 * linger.ms=0}; its output is idempotent by alertId and status), the reports and checks
 * applications favour exact counts ({@code processing.guarantee}, exactly-once by default). Reports
 * and checks are separate applications because they read the reference topic differently (a
 * global store; a co-partitioned stream), which one topology cannot.
 */
public final class StreamsProperties {
  public static final String ALERTS_SUFFIX = "-alerts";
  public static final String REPORTS_SUFFIX = "-reports";
  public static final String CHECKS_SUFFIX = "-checks";

  private StreamsProperties() {}

  public static Properties alerts(MonitorConfig config, String applicationServer) {
    Properties props = common(config, ALERTS_SUFFIX, applicationServer);
    props.putAll(AlertsTopology.recommendedStreamsConfig());
    return props;
  }

  public static Properties reports(MonitorConfig config, String applicationServer) {
    Properties props = exact(config, REPORTS_SUFFIX, applicationServer);
    ReportsTopology.recommendedStreamsConfig().forEach(props::putIfAbsent);
    return props;
  }

  /**
   * The checks application: exactly-once by default, with {@code checks.streams-threads} stream threads
   * (one by default) and a {@code checks.commit-interval} commit interval (one second by default).
   * Requests are answered off the stream threads from the stores as of the last commit; at
   * Streams' exactly-once default of a commit every 100 ms the commits took a third to a half of
   * the thread's time (BENCHMARKS.md section 2).
   */
  public static Properties checks(MonitorConfig config, String applicationServer) {
    Properties props = exact(config, CHECKS_SUFFIX, applicationServer);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        config.getInt(MonitorConfig.CHECKS_STREAMS_THREADS));
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        config.duration(MonitorConfig.CHECKS_COMMIT_INTERVAL).toMillis());
    return props;
  }

  private static Properties exact(MonitorConfig config, String suffix, String applicationServer) {
    Properties props = common(config, suffix, applicationServer);
    props.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        config.getString(MonitorConfig.PROCESSING_GUARANTEE));
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    return props;
  }

  private static Properties common(MonitorConfig config, String suffix, String applicationServer) {
    Properties props = new Properties();
    props.putAll(config.kafkaClientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(MonitorConfig.APPLICATION_ID) + suffix);
    // Kafka 5.0's default, set now: global-store processing errors go through the same handler as
    // the stream threads'. Also for the main consumer: its partition assignor reads a Streams
    // config of the consumer's settings, and warns at every start without it.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.mainConsumerPrefix(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.getString(MonitorConfig.STATE_DIR));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(MonitorConfig.STREAMS_THREADS));
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.getInt(MonitorConfig.STANDBY_REPLICAS));
    props.put(
        StreamsConfig.REPLICATION_FACTOR_CONFIG,
        (int) config.getShort(MonitorConfig.TOPICS_REPLICATION_FACTOR));
    if (applicationServer != null) {
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    return props;
  }
}
