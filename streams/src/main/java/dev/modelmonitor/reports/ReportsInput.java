package dev.modelmonitor.reports;

import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.PredictionEvent;

/** A record for the window processor: a prediction or a label (the two sources, merged). */
sealed interface ReportsInput permits ReportsInput.Prediction, ReportsInput.Label {
  record Prediction(PredictionEvent event) implements ReportsInput {}

  record Label(LabelEvent event) implements ReportsInput {}

  static ReportsInput prediction(PredictionEvent event) {
    return new Prediction(event);
  }

  static ReportsInput label(LabelEvent event) {
    return new Label(event);
  }
}
