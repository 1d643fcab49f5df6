package dev.modelmonitor.reports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The reports topology's counters (no per-model tags, so their number stays fixed):
 *
 * <ul>
 *   <li>{@value #REPORTS}: reports emitted;
 *   <li>{@value #LATE}: prediction events that arrived after their window's grace (each is also
 *       dead-lettered with reason {@code LATE} and counted in {@value #DLQ});
 *   <li>{@value #LABELS} by {@code result}: {@code joined} with their prediction, {@code waiting}
 *       for a prediction not seen yet, {@code window_closed} (the prediction's window had already
 *       reported), {@code expired} (waited until no prediction they could join could still
 *       count: their prediction never came);
 *   <li>{@value #REFERENCES_REFUSED}: reference records that could not be used.
 * </ul>
 */
final class ReportsMetrics {
  static final String REPORTS = "modelmonitor.reports.emitted";
  static final String LATE = "modelmonitor.reports.late.events";
  static final String LABELS = "modelmonitor.reports.labels";
  static final String REFERENCES_REFUSED = "modelmonitor.reports.references.refused";
  /** The pipeline's dead-letter counter, shared with the decoding of source records. */
  static final String DLQ = "modelmonitor.dlq.records";

  final Counter reports;
  final Counter late;
  final Counter lateDeadLetters;
  final Counter labelsJoined;
  final Counter labelsWaiting;
  final Counter labelsWindowClosed;
  final Counter labelsExpired;

  ReportsMetrics(MeterRegistry meters, String predictionsTopic) {
    reports = Counter.builder(REPORTS).description("Model reports emitted").register(meters);
    late = Counter.builder(LATE).description("Prediction events after their window's grace")
        .register(meters);
    lateDeadLetters = deadLetters(meters, predictionsTopic, "LATE");
    labelsJoined = labels(meters, "joined");
    labelsWaiting = labels(meters, "waiting");
    labelsWindowClosed = labels(meters, "window_closed");
    labelsExpired = labels(meters, "expired");
  }

  private static Counter deadLetters(MeterRegistry meters, String topic, String reason) {
    return Counter.builder(DLQ).description("Records sent to the dead-letter topic")
        .tag("component", ReportsTopology.COMPONENT).tag("topic", topic).tag("reason", reason)
        .register(meters);
  }

  private static Counter labels(MeterRegistry meters, String result) {
    return Counter.builder(LABELS).description("Label events by what became of them")
        .tag("result", result).register(meters);
  }

  static Counter referencesRefused(MeterRegistry meters) {
    return Counter.builder(REFERENCES_REFUSED)
        .description("Reference records refused (undecodable or keyed by another model)")
        .register(meters);
  }
}
