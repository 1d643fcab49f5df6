package dev.modelmonitor.producer.internal;

import dev.modelmonitor.producer.DropReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The SDK's own meters, all tagged with {@code model}:
 *
 * <ul>
 *   <li>{@code modelmonitor.sdk.recorded}: events handed in (predictions, labels, state,
 *       heartbeats, resource samples);
 *   <li>{@code modelmonitor.sdk.sent}: events acknowledged by the broker;
 *   <li>{@code modelmonitor.sdk.dropped{reason}}: events given up, by {@link DropReason};
 *   <li>{@code modelmonitor.sdk.buffer.depth} / {@code .buffer.capacity}: events waiting;
 *   <li>{@code modelmonitor.sdk.send.latency}: from handing an event to the Kafka producer to
 *       the broker's acknowledgement;
 *   <li>{@code modelmonitor.sdk.registry.errors}: failed schema-registry calls;
 *   <li>{@code modelmonitor.sdk.fields.adjusted{reason}}: field fixes, by {@link FieldIssue}.
 * </ul>
 *
 * Once everything in flight has settled, {@code recorded == sent + sum(dropped)}.
 */
public final class SdkMetrics implements FieldIssue.Counter {
  public static final String PREFIX = "modelmonitor.sdk.";

  private final Counter recorded;
  private final Counter sent;
  private final Counter[] dropped;
  private final Counter[] adjusted;
  private final Counter registryErrors;
  private final Timer sendLatency;
  private final MeterRegistry registry;
  private final Tags tags;

  public SdkMetrics(MeterRegistry registry, String modelId) {
    this.registry = registry;
    this.tags = Tags.of("model", modelId);
    recorded =
        Counter.builder(PREFIX + "recorded").description("Events recorded").tags(tags)
            .register(registry);
    sent =
        Counter.builder(PREFIX + "sent").description("Events acknowledged by Kafka").tags(tags)
            .register(registry);
    dropped = new Counter[DropReason.values().length];
    for (DropReason reason : DropReason.values()) {
      dropped[reason.ordinal()] =
          Counter.builder(PREFIX + "dropped").description("Events dropped, by reason")
              .tags(tags).tag("reason", reason.tag()).register(registry);
    }
    adjusted = new Counter[FieldIssue.values().length];
    for (FieldIssue issue : FieldIssue.values()) {
      adjusted[issue.ordinal()] =
          Counter.builder(PREFIX + "fields.adjusted")
              .description("Fields coerced to null, truncated or dropped, by reason")
              .tags(tags).tag("reason", issue.tag()).register(registry);
    }
    registryErrors =
        Counter.builder(PREFIX + "registry.errors").description("Failed schema registry calls")
            .tags(tags).register(registry);
    sendLatency =
        Timer.builder(PREFIX + "send.latency")
            .description("From handing an event to the Kafka producer to the broker's ack")
            .tags(tags).register(registry);
  }

  /** Registers the buffer gauges; {@code buffer} is held strongly by the caller. */
  public <T> void bufferGauges(T buffer, ToDoubleFunction<T> depth, int capacity) {
    Gauge.builder(PREFIX + "buffer.depth", buffer, depth).description("Events waiting to be sent")
        .tags(tags).register(registry);
    Supplier<Number> cap = () -> capacity;
    Gauge.builder(PREFIX + "buffer.capacity", cap).description("Capacity of the event buffer")
        .tags(tags).register(registry);
  }

  public void recorded() {
    recorded.increment();
  }

  public void sent(long latencyNanos) {
    sent.increment();
    sendLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
  }

  public void dropped(DropReason reason) {
    dropped[reason.ordinal()].increment();
  }

  public void dropped(DropReason reason, int count) {
    dropped[reason.ordinal()].increment(count);
  }

  public void registryError() {
    registryErrors.increment();
  }

  @Override
  public void count(FieldIssue issue) {
    adjusted[issue.ordinal()].increment();
  }

  public long recordedCount() {
    return (long) recorded.count();
  }

  public long sentCount() {
    return (long) sent.count();
  }

  public long droppedCount(DropReason reason) {
    return (long) dropped[reason.ordinal()].count();
  }

  public long droppedCount() {
    long total = 0;
    for (Counter c : dropped) {
      total += (long) c.count();
    }
    return total;
  }
}
