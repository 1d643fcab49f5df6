package dev.modelmonitor.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;

/**
 * Fits the Kafka clients' metrics to Prometheus conventions, so {@code promtool check metrics}
 * accepts {@code /metrics}: the few without a help text get one, and the metrics measured in
 * nanoseconds or milliseconds ({@code io.time.ns.total}, {@code txn.commit.time.ns.total}, …) are
 * left out: Prometheus wants seconds, and Micrometer can rename a Kafka metric but not rescale
 * it. Their rates and averages in other units remain.
 *
 * <p>It keeps every meter's name and tags: Micrometer's Kafka binders look their meters up by the
 * names they gave them when a client's metrics change, so renames are left to {@link
 * KafkaMetricNames}, which applies at export.
 */
final class KafkaMetricFilter implements MeterFilter {
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
    if (!isKafka(id) || (id.getDescription() != null && !id.getDescription().isBlank())) {
      return id;
    }
    return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
        "Kafka client metric " + id.getName(), id.getType());
  }

  static boolean isKafka(Meter.Id id) {
    return KafkaMetricNames.isKafka(id.getName());
  }
}
