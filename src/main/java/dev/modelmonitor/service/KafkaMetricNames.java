package dev.modelmonitor.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;

/**
 * Fits the Kafka clients' metrics to Prometheus conventions, so {@code promtool check metrics}
 * accepts {@code /metrics}: a gauge's {@code count} suffix becomes a plural ({@code
 * connection.count} is {@code connections}), the few without a help text get one, and the
 * metrics measured in nanoseconds or milliseconds ({@code io.time.ns.total}, {@code
 * txn.commit.time.ns.total}, …) are left out: Prometheus wants seconds, and a filter can rename a
 * Kafka metric but not rescale it. Their rates and averages in other units remain.
 */
final class KafkaMetricNames implements MeterFilter {
  private static final List<String> UNIT_WORDS = List.of("ns", "ms");

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    if (isKafka(id) && List.of(id.getName().split("\\.")).stream().anyMatch(UNIT_WORDS::contains)) {
      return MeterFilterReply.DENY;
    }
    return MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    if (!isKafka(id)) {
      return id;
    }
    String name = id.getName();
    if (name.endsWith(".count") && id.getType() == Meter.Type.GAUGE) {
      name = name.substring(0, name.length() - ".count".length()) + "s";
    }
    String description = id.getDescription() == null || id.getDescription().isBlank()
        ? "Kafka client metric " + id.getName()
        : id.getDescription();
    return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
  }

  private static boolean isKafka(Meter.Id id) {
    return id.getName().startsWith("kafka.");
  }
}
