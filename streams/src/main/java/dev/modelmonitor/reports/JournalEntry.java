package dev.modelmonitor.reports;

import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one record did to a window, as written to the journal between folds: a prediction event
 * (only the fields a report uses) or a joined label. Replaying entries in {@code seq} order onto
 * the last folded state rebuilds the window exactly.
 */
sealed interface JournalEntry permits JournalEntry.Prediction, JournalEntry.Label {
  byte PREDICTION = 1;
  byte LABEL = 2;

  long seq();

  byte[] encode();

  /** Applies this entry to {@code window}. */
  void applyTo(WindowAccumulator window);

  /** A prediction event's contribution. */
  record Prediction(long seq, long timestamp, Outcome outcome, String error, String modelVersion,
      Long latencyMicros, Object prediction, Map<String, Object> features)
      implements JournalEntry {

    static Prediction of(long seq, long timestamp, PredictionEvent event) {
      return new Prediction(seq, timestamp, event.getOutcome(), event.getError(),
          event.getModelVersion(), event.getLatencyMicros(), event.getPrediction(),
          event.getFeatures());
    }

    @Override
    public byte[] encode() {
      StateCodec.Writer out = new StateCodec.Writer(64 + 24 * features.size());
      out.putByte(PREDICTION).putLong(seq).putLong(timestamp).putByte(outcome.ordinal());
      out.putNullableString(error).putNullableString(modelVersion);
      out.putLong(latencyMicros == null ? Long.MIN_VALUE : latencyMicros);
      out.putValue(prediction);
      out.putInt(features.size());
      for (Map.Entry<String, Object> e : features.entrySet()) {
        out.putString(e.getKey()).putValue(e.getValue());
      }
      return out.toByteArray();
    }

    @Override
    public void applyTo(WindowAccumulator window) {
      window.applyPrediction(this);
    }
  }

  /** A label joined with a prediction of the window. */
  record Label(long seq, Object predicted, Object actual) implements JournalEntry {
    @Override
    public byte[] encode() {
      return new StateCodec.Writer(32).putByte(LABEL).putLong(seq).putValue(predicted)
          .putValue(actual).toByteArray();
    }

    @Override
    public void applyTo(WindowAccumulator window) {
      window.applyLabel(this);
    }
  }

  static JournalEntry decode(byte[] bytes) {
    StateCodec.Reader in = new StateCodec.Reader(bytes);
    int kind = in.getByte();
    long seq = in.getLong();
    if (kind == LABEL) {
      return new Label(seq, in.getValue(), in.getValue());
    }
    if (kind != PREDICTION) {
      throw new IllegalArgumentException("unknown journal entry kind " + kind);
    }
    long timestamp = in.getLong();
    Outcome outcome = Outcome.values()[in.getByte()];
    String error = in.getNullableString();
    String version = in.getNullableString();
    long latency = in.getLong();
    Object prediction = in.getValue();
    int n = in.getInt();
    Map<String, Object> features = new LinkedHashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      features.put(in.getString(), in.getValue());
    }
    return new Prediction(seq, timestamp, outcome, error, version,
        latency == Long.MIN_VALUE ? null : latency, prediction, features);
  }
}
