package dev.modelmonitor.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;

/**
 * The exported names of the Kafka clients' metrics: a gauge's {@code count} suffix becomes a
 * plural ({@code kafka.producer.connection.count} is {@code kafka_producer_connections}), as
 * Prometheus keeps {@code _count} for summaries and histograms; every other name is the
 * registry's own convention.
 *
 * <p>A naming convention, not a {@code MeterFilter} rename: Micrometer's Kafka binders look
 * their meters up in the registry by the names they registered them under whenever a client's
 * metrics change (a first record to a new topic, a new broker connection). A meter renamed by a
 * filter was not found, registered again, and logged "This Gauge has been already registered".
 */
final class KafkaMetricNames implements NamingConvention {
  private static final String COUNT = ".count";

  private final NamingConvention delegate;

  /** Renames the Kafka gauges, then names everything as {@code delegate} does. */
  KafkaMetricNames(NamingConvention delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name(String name, Meter.Type type, String baseUnit) {
    return delegate.name(kafkaName(name, type), type, baseUnit);
  }

  @Override
  public String tagKey(String key) {
    return delegate.tagKey(key);
  }

  @Override
  public String tagValue(String value) {
    return delegate.tagValue(value);
  }

  /** The Micrometer name of a Kafka client metric with its gauge count suffix made a plural. */
  static String kafkaName(String name, Meter.Type type) {
    if (isKafka(name) && type == Meter.Type.GAUGE && name.endsWith(COUNT)) {
      return name.substring(0, name.length() - COUNT.length()) + "s";
    }
    return name;
  }

  static boolean isKafka(String name) {
    return name.startsWith("kafka.");
  }
}
