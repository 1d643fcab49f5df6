package dev.modelmonitor.checks;

import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;

/**
 * One record reaching the checks processor: the four input topics merged into one stream so that
 * one processor, in one task per partition, owns a model's state.
 */
sealed interface ChecksInput {
  record Prediction(PredictionEvent event) implements ChecksInput {}

  record Label(LabelEvent event) implements ChecksInput {}

  record State(StateEvent event) implements ChecksInput {}

  record Reference(ReferenceProfile profile) implements ChecksInput {}
}
