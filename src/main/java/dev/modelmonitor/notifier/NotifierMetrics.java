package dev.modelmonitor.notifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The notifier's self-metrics, per receiver. */
final class NotifierMetrics {
  static final String DELIVERED = "modelmonitor.notifier.delivered";
  static final String RETRIED = "modelmonitor.notifier.retried";
  static final String FAILED = "modelmonitor.notifier.failed";
  static final String DEAD_LETTERED = "modelmonitor.notifier.dead_lettered";
  static final String LATENCY = "modelmonitor.notifier.delivery.latency";
  static final String UNROUTED = "modelmonitor.notifier.unrouted";
  /** The counter every component increments per record sent to the dead-letter topic. */
  static final String DLQ_RECORDS = "modelmonitor.dlq.records";

  private final MeterRegistry meters;

  NotifierMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void delivered(String receiver) {
    counter(DELIVERED, "Notifications a receiver accepted", receiver).increment();
  }

  void retried(String receiver) {
    counter(RETRIED, "Delivery attempts repeated after a failure", receiver).increment();
  }

  void failed(String receiver) {
    counter(FAILED, "Delivery attempts that failed (each attempt counts)", receiver).increment();
  }

  void deadLettered(String receiver) {
    counter(DEAD_LETTERED, "Alerts given up on and written to the dead-letter topic", receiver)
        .increment();
  }

  void unrouted() {
    Counter.builder(UNROUTED)
        .description("Alerts that matched no route and had no default receiver")
        .register(meters)
        .increment();
  }

  void latency(String receiver, Duration sinceEmitted) {
    Timer.builder(LATENCY)
        .description("From the alert's emittedAt to its delivery (first notifications only)")
        .tag("receiver", receiver)
        .register(meters)
        .record(sinceEmitted.isNegative() ? Duration.ZERO : sinceEmitted);
  }

  void deadLetterRecord(String topic, String reason) {
    Counter.builder(DLQ_RECORDS)
        .description("Records sent to the dead-letter topic")
        .tag("component", "notifier")
        .tag("topic", topic)
        .tag("reason", reason)
        .register(meters)
        .increment();
  }

  private Counter counter(String name, String description, String receiver) {
    return Counter.builder(name).description(description).tag("receiver", receiver).register(meters);
  }
}
