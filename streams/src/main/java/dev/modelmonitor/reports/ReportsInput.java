package dev.modelmonitor.reports;

import dev.modelmonitor.schema.LabelEvent;

/** A record for the window processor: a prediction or a label (the two sources, merged). */
sealed interface ReportsInput permits ReportsInput.Prediction, ReportsInput.Label {
  /** The record's value as it came, for a dead letter. */
  byte[] bytes();

  record Prediction(PredictionFields event) implements ReportsInput {
    @Override
    public byte[] bytes() {
      return event.bytes();
    }
  }

  record Label(LabelEvent event, byte[] bytes) implements ReportsInput {}

  static ReportsInput prediction(PredictionFields event) {
    return new Prediction(event);
  }

  static ReportsInput label(LabelEvent event, byte[] bytes) {
    return new Label(event, bytes);
  }
}
