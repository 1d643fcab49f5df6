package dev.modelmonitor.reports;

import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one record did to a window, as written to the journal between folds: a prediction event
 * (only the fields a report uses) or a joined label. Replaying entries in {@code seq} order onto
 * the last folded state rebuilds the window exactly.
 *
 * <p>A journal record holds either one entry (as written before journaling per commit) or a batch
 * of a window's consecutive entries ({@link #encodeBatch}); {@link #decodeAll} reads both.
 */
sealed interface JournalEntry permits JournalEntry.Prediction, JournalEntry.Label {
  byte PREDICTION = 1;
  byte LABEL = 2;
  byte BATCH = 3;

  long seq();

  /** Appends this entry to {@code out}. */
  void writeTo(StateCodec.Writer out);

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
    public void writeTo(StateCodec.Writer out) {
      out.putByte(PREDICTION).putLong(seq).putLong(timestamp).putByte(outcome.ordinal());
      out.putNullableString(error).putNullableString(modelVersion);
      out.putLong(latencyMicros == null ? Long.MIN_VALUE : latencyMicros);
      out.putValue(prediction);
      out.putInt(features.size());
      for (Map.Entry<String, Object> e : features.entrySet()) {
        out.putString(e.getKey()).putValue(e.getValue());
      }
    }

    @Override
    public void applyTo(WindowAccumulator window) {
      window.applyPrediction(this);
    }
  }

  /** A label joined with a prediction of the window. */
  record Label(long seq, Object predicted, Object actual) implements JournalEntry {
    @Override
    public void writeTo(StateCodec.Writer out) {
      out.putByte(LABEL).putLong(seq).putValue(predicted).putValue(actual);
    }

    @Override
    public void applyTo(WindowAccumulator window) {
      window.applyLabel(this);
    }
  }

  /** One journal record holding {@code entries}, a window's consecutive entries in seq order. */
  static byte[] encodeBatch(List<JournalEntry> entries) {
    StateCodec.Writer out = new StateCodec.Writer(64 + 512 * entries.size());
    out.putByte(BATCH).putInt(entries.size());
    for (JournalEntry entry : entries) {
      entry.writeTo(out);
    }
    return out.toByteArray();
  }

  /** The entries of one journal record: a batch, or a single entry. */
  static List<JournalEntry> decodeAll(byte[] bytes) {
    StateCodec.Reader in = new StateCodec.Reader(bytes);
    if (bytes.length > 0 && bytes[0] == BATCH) {
      in.getByte();
      int n = in.getInt();
      List<JournalEntry> entries = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        entries.add(read(in));
      }
      return entries;
    }
    return List.of(read(in));
  }

  private static JournalEntry read(StateCodec.Reader in) {
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
