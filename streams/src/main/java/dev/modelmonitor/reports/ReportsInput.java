package dev.modelmonitor.reports;

import dev.modelmonitor.schema.LabelEvent;

/** A record for the window processor: a prediction or a label (the two sources, merged). */
sealed interface ReportsInput permits ReportsInput.Prediction, ReportsInput.Label {
  record Prediction(PredictionFields event) implements ReportsInput {}

  record Label(LabelEvent event) implements ReportsInput {}

  static ReportsInput prediction(PredictionFields event) {
    return new Prediction(event);
  }

  static ReportsInput label(LabelEvent event) {
    return new Label(event);
  }
}
